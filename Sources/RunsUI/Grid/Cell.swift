/// One terminal cell: a character (grapheme) and its style. The cell to the right of a
/// two-cell character holds `""`, a continuation the backend skips.
public struct Cell: Sendable, Hashable {
  /// The character drawn here: one grapheme, `" "` when empty, `""` for a continuation.
  public var text: String
  /// How it is drawn.
  public var style: Style

  /// Creates a cell.
  public init(text: String = " ", style: Style = .plain) {
    self.text = text
    self.style = style
  }

  /// An empty plain cell.
  public static let blank = Cell()
}
