/// The colour pairs a terminal draws with: pair 0 is the terminal's own colours, the others are
/// numbered as they are first needed (a screen uses a handful of the 81 combinations; many
/// terminals offer only 64).
public struct ColorPairs {
  private struct Colors: Hashable {
    var foreground: Color
    var background: Color
  }

  private let enabled: Bool
  private let defaultColors: Bool
  private let limit: Int
  private var pairs: [Colors: Int16] = [:]
  private var nextPair = 1

  /// Pairs for a terminal that draws colours when `enabled`, has `limit` pairs (pair 0
  /// included), and takes -1 for its own colour when `defaultColors`.
  public init(enabled: Bool, defaultColors: Bool, limit: Int) {
    self.enabled = enabled
    self.defaultColors = defaultColors
    self.limit = limit
  }

  /// The pair that draws `foreground` on `background`. A new pair is set up with `define`
  /// (pair, foreground and background colour numbers), which says whether the terminal took it.
  public mutating func pair(
    foreground: Color, background: Color, define: (Int16, Int16, Int16) -> Bool
  ) -> Int16 {
    guard enabled, foreground != .standard || background != .standard else { return 0 }
    let colors = Colors(foreground: foreground, background: background)
    if let pair = pairs[colors] { return pair }
    // Out of pairs: the text stays readable in the terminal's own colours.
    guard nextPair < limit, nextPair <= Int(Int16.max) else { return 0 }
    let pair = Int16(nextPair)
    let foregroundNumber = number(of: foreground, fallback: Self.white)
    let backgroundNumber = number(of: background, fallback: Self.black)
    guard define(pair, foregroundNumber, backgroundNumber) else { return 0 }
    nextPair += 1
    pairs[colors] = pair
    return pair
  }

  /// The terminal's colour number: the eight ANSI colours are 0 to 7 (curses' `COLOR_BLACK`
  /// to `COLOR_WHITE`); `.standard` is -1 (the terminal's own) when the terminal supports
  /// default colours, else `fallback`.
  func number(of color: Color, fallback: Int16) -> Int16 {
    switch color {
    case .standard: defaultColors ? -1 : fallback
    case .black: Self.black
    case .red: 1
    case .green: 2
    case .yellow: 3
    case .blue: 4
    case .magenta: 5
    case .cyan: 6
    case .white: Self.white
    }
  }

  private static let black: Int16 = 0
  private static let white: Int16 = 7
}
