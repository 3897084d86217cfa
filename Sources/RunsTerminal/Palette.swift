import CNcursesw
import RunsUI

/// Maps a `Style` to curses attributes and a colour pair, allocating pairs as they are first
/// needed (a screen uses a handful of the 81 combinations; many terminals offer only 64).
struct Palette {
  private struct Colors: Hashable {
    var foreground: Color
    var background: Color
  }

  private let enabled: Bool
  private let defaultColors: Bool
  private var pairs: [Colors: Int16] = [:]
  private var nextPair: Int32 = 1

  init(enabled: Bool, defaultColors: Bool) {
    self.enabled = enabled
    self.defaultColors = defaultColors
  }

  /// The attributes and colour pair that draw `style`.
  mutating func attributes(for style: Style) -> (attr_t, Int16) {
    var attributes = kfp_A_NORMAL()
    if style.bold { attributes |= kfp_A_BOLD() }
    if style.dim { attributes |= kfp_A_DIM() }
    if style.underline { attributes |= kfp_A_UNDERLINE() }
    if style.reverse { attributes |= kfp_A_REVERSE() }
    return (
      attributes, pair(for: Colors(foreground: style.foreground, background: style.background))
    )
  }

  private mutating func pair(for colors: Colors) -> Int16 {
    guard enabled, colors.foreground != .standard || colors.background != .standard else {
      return 0
    }
    if let pair = pairs[colors] { return pair }
    // Out of pairs: the text stays readable in the terminal's own colours.
    guard nextPair < kfp_COLOR_PAIRS(), nextPair <= Int32(Int16.max) else { return 0 }
    let pair = Int16(nextPair)
    let foreground = number(of: colors.foreground, fallback: Int16(COLOR_WHITE))
    let background = number(of: colors.background, fallback: Int16(COLOR_BLACK))
    guard init_pair(pair, foreground, background) == kfp_OK() else { return 0 }
    nextPair += 1
    pairs[colors] = pair
    return pair
  }

  /// The curses colour number; `.standard` is -1 (the terminal's own) when the terminal
  /// supports default colours.
  private func number(of color: Color, fallback: Int16) -> Int16 {
    switch color {
    case .standard: defaultColors ? -1 : fallback
    case .black: Int16(COLOR_BLACK)
    case .red: Int16(COLOR_RED)
    case .green: Int16(COLOR_GREEN)
    case .yellow: Int16(COLOR_YELLOW)
    case .blue: Int16(COLOR_BLUE)
    case .magenta: Int16(COLOR_MAGENTA)
    case .cyan: Int16(COLOR_CYAN)
    case .white: Int16(COLOR_WHITE)
    }
  }
}
