/// A terminal colour; `.standard` is the terminal's own foreground or background.
public enum Color: Sendable, Hashable, CaseIterable {
  case standard
  case black
  case red
  case green
  case yellow
  case blue
  case magenta
  case cyan
  case white
}

/// How a cell is drawn: colours and attributes. Readable without colour through the attributes.
public struct Style: Sendable, Hashable {
  /// Foreground colour.
  public var foreground: Color
  /// Background colour.
  public var background: Color
  /// Bold text.
  public var bold: Bool
  /// Dim text.
  public var dim: Bool
  /// Underlined text.
  public var underline: Bool
  /// Foreground and background swapped.
  public var reverse: Bool

  /// Creates a style; the default is plain text.
  public init(
    foreground: Color = .standard, background: Color = .standard, bold: Bool = false,
    dim: Bool = false, underline: Bool = false, reverse: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.dim = dim
    self.underline = underline
    self.reverse = reverse
  }

  /// Plain text.
  public static let plain = Style()
}
