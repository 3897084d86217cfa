import RunsCore

/// A rectangle of cells that screens draw into; the terminal backend only copies it out.
public struct Grid: Sendable, Hashable {
  /// Width in cells.
  public let width: Int
  /// Height in cells.
  public let height: Int
  /// Row-major cells, `width * height` of them.
  public private(set) var cells: [Cell]

  /// Creates a grid filled with blank cells.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  /// The cell at column `x`, row `y` (both 0-based); reads outside give a blank cell.
  public subscript(x: Int, y: Int) -> Cell {
    get {
      guard x >= 0, y >= 0, x < width, y < height else { return .blank }
      return cells[y * width + x]
    }
    set {
      guard x >= 0, y >= 0, x < width, y < height else { return }
      cells[y * width + x] = newValue
    }
  }

  /// Writes `text` from column `x` of row `y`, clipped to `maxWidth` cells (and the grid);
  /// returns the number of cells written. The text must already be sanitized.
  @discardableResult
  public mutating func put(
    _ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil
  )
    -> Int
  {
    guard y >= 0, y < height else { return 0 }
    let limit = min(width, x + (maxWidth ?? width))
    var column = x
    for character in text {
      let cellWidth = DisplayWidth.of(character)
      if cellWidth == 0 { continue }
      if column + cellWidth > limit { break }
      if column >= 0 {
        self[column, y] = Cell(text: String(character), style: style)
        for extra in 1..<cellWidth { self[column + extra, y] = Cell(text: "", style: style) }
      }
      column += cellWidth
    }
    return column - x
  }

  /// Sets the style of `count` cells from column `x` of row `y`, keeping their text.
  public mutating func fillStyle(_ style: Style, x: Int, y: Int, count: Int) {
    guard y >= 0, y < height else { return }
    for column in max(0, x)..<min(width, x + max(0, count)) {
      cells[y * width + column].style = style
    }
  }

  /// The text of each row, continuation cells skipped: what a snapshot test compares.
  public var lines: [String] {
    (0..<height).map { row in
      cells[(row * width)..<((row + 1) * width)].map(\.text).joined()
    }
  }
}
