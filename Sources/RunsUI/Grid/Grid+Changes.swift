/// A cell to draw at column `x`, row `y`, over `width` cells (a wide character's continuation
/// cells follow it).
public struct GridChange: Sendable, Hashable {
  /// The column, 0-based.
  public let x: Int
  /// The row, 0-based.
  public let y: Int
  /// How many cells the cell's text covers.
  public let width: Int
  /// What to draw.
  public let cell: Cell
}

extension Grid {
  /// What a backend must draw to turn a screen showing `old` into this grid: the cells that
  /// differ, or, without an old grid of this size, every cell that is not blank (the backend
  /// clears the screen first).
  public func changes(since old: Grid?) -> [GridChange] {
    let oldCells = old.flatMap { $0.width == width && $0.height == height ? $0.cells : nil }
    var changes: [GridChange] = []
    for index in cells.indices {
      let cell = cells[index]
      // A continuation cell belongs to the wide character on its left, drawn with it.
      if cell.text.isEmpty { continue }
      if let oldCells {
        if oldCells[index] == cell { continue }
      } else if cell == .blank {
        continue
      }
      let x = index % width
      var covered = 1
      while x + covered < width, cells[index + covered].text.isEmpty { covered += 1 }
      changes.append(GridChange(x: x, y: index / width, width: covered, cell: cell))
    }
    return changes
  }
}
