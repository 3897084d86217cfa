import Foundation
import TestSupport
import Testing

@testable import RunsUI

/// Compares a grid's text with `Snapshots/NAME.txt` beside this file (see ``expectText``).
func expectSnapshot(
  _ grid: Grid, named name: String, styles: Bool = false,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let text = snapshotText(grid) + (styles ? styleText(grid) : "")
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots").appendingPathComponent(name + ".txt")
  expectText(text, inFile: url, sourceLocation: sourceLocation)
}

/// The grid as text: one line per row, trailing spaces trimmed, framed by the size.
func snapshotText(_ grid: Grid) -> String {
  let lines = grid.lines.map { line in
    String(line.reversed().drop { $0 == " " }.reversed())
  }
  return "size \(grid.width)x\(grid.height)\n" + lines.joined(separator: "\n") + "\n"
}

/// One character per cell for its style, so snapshots show bars and highlights:
/// `#` a background colour (a bar), `r` reversed, a colour's letter for a coloured foreground
/// (`G` green, `R` red, `B` blue, `Y` yellow, `C` cyan, `W` white, `M` magenta, `K` black),
/// lower case when also bold, `b` bold, `u` underlined, `d` dim, `.` plain.
func styleText(_ grid: Grid) -> String {
  let letters: [Color: Character] = [
    .green: "G", .red: "R", .blue: "B", .yellow: "Y", .cyan: "C", .white: "W", .magenta: "M",
    .black: "K",
  ]
  let lines = (0..<grid.height).map { y in
    String(
      (0..<grid.width).map { x -> Character in
        let style = grid[x, y].style
        if style.background != .standard { return "#" }
        if style.reverse { return "r" }
        if let letter = letters[style.foreground] {
          return style.bold ? Character(letter.lowercased()) : letter
        }
        if style.bold { return "b" }
        if style.underline { return "u" }
        if style.dim { return "d" }
        return "."
      })
  }
  return "styles\n" + lines.joined(separator: "\n") + "\n"
}
