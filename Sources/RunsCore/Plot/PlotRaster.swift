/// The points of a scatter plot binned into character cells of 2 × 4 dots (Braille), so a
/// frame draws one cell per character however many runs there are.
public struct PlotRaster: Sendable, Hashable {
  /// Width in cells.
  public let columns: Int
  /// Height in cells.
  public let rows: Int
  /// Per cell (row-major): the dots of every run in it, as Braille bits.
  public private(set) var dots: [UInt8]
  /// Per cell: the dots of the highlighted (selected) runs in it.
  public private(set) var highlighted: [UInt8]

  /// An empty raster of `columns` × `rows` cells.
  public init(columns: Int, rows: Int) {
    self.columns = Swift.max(0, columns)
    self.rows = Swift.max(0, rows)
    dots = Array(repeating: 0, count: self.columns * self.rows)
    highlighted = dots
  }

  /// Bins every point of `points`; `highlight` says which runs (by run index) stand out.
  public init(
    _ points: PlotPoints, columns: Int, rows: Int, highlight: (Int) -> Bool = { _ in false }
  ) {
    self.init(columns: columns, rows: rows)
    guard !dots.isEmpty else { return }
    for point in 0..<points.count {
      let (x, y) = dot(points.xPositions[point], points.yPositions[point])
      add(x: x, y: y, highlighted: highlight(points.runIndices[point]))
    }
  }

  /// The dot (column from the left, row from the top) a position `0...1` (bottom to top)
  /// falls on; positions outside are clamped to the edge.
  public func dot(_ x: Double, _ y: Double) -> (x: Int, y: Int) {
    let width = Double(columns * 2 - 1)
    let height = Double(rows * 4 - 1)
    let column = Int((Swift.min(1, Swift.max(0, x)) * width).rounded())
    let row = Int(((1 - Swift.min(1, Swift.max(0, y))) * height).rounded())
    return (column, row)
  }

  /// Sets one dot.
  public mutating func add(x: Int, y: Int, highlighted isHighlighted: Bool) {
    guard x >= 0, y >= 0, x < columns * 2, y < rows * 4 else { return }
    let cell = (y / 4) * columns + x / 2
    let bit = Self.bit(x: x % 2, y: y % 4)
    dots[cell] |= bit
    if isHighlighted { highlighted[cell] |= bit }
  }

  /// The Braille bit of dot `x` (0–1) and `y` (0–3) in a cell: dots 1–3 and 7 run down the
  /// left column, 4–6 and 8 down the right.
  public static func bit(x: Int, y: Int) -> UInt8 {
    let left: [UInt8] = [0x01, 0x02, 0x04, 0x40]
    let right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
    return x == 0 ? left[y] : right[y]
  }

  /// The Braille character of a cell's dots (U+2800 + bits).
  public static func braille(_ bits: UInt8) -> Character {
    Character(Unicode.Scalar(0x2800 + UInt32(bits))!)
  }
}
