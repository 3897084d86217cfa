import Foundation

/// How screens are drawn: with or without colour, Unicode or ASCII symbols, which time zone.
public struct RenderOptions: Sendable, Hashable {
  /// Use colours; without them every distinction is carried by attributes (bold, reverse…).
  public var color: Bool
  /// Draw only ASCII symbols (for terminals whose locale cannot show `●`, `▲`, `✓`…).
  public var asciiGlyphs: Bool
  /// The time zone start times are shown in.
  public var timeZone: TimeZone

  /// Creates render options; the default is colour, Unicode symbols, the local time zone.
  public init(color: Bool = true, asciiGlyphs: Bool = false, timeZone: TimeZone = .current) {
    self.color = color
    self.asciiGlyphs = asciiGlyphs
    self.timeZone = timeZone
  }
}
