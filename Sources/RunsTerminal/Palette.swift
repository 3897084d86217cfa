import CNcursesw
import RunsUI

/// Maps a `Style` to curses attributes and a colour pair; `ColorPairs` numbers the pairs and
/// curses is told of each new one.
struct Palette {
  private var pairs: ColorPairs

  /// Call after `start_color`, which sets how many pairs the terminal has.
  init(enabled: Bool, defaultColors: Bool) {
    pairs = ColorPairs(
      enabled: enabled, defaultColors: defaultColors, limit: Int(kfp_COLOR_PAIRS()))
  }

  /// The attributes and colour pair that draw `style`.
  mutating func attributes(for style: Style) -> (attr_t, Int16) {
    var attributes = kfp_A_NORMAL()
    if style.bold { attributes |= kfp_A_BOLD() }
    if style.dim { attributes |= kfp_A_DIM() }
    if style.underline { attributes |= kfp_A_UNDERLINE() }
    if style.reverse { attributes |= kfp_A_REVERSE() }
    let pair = pairs.pair(foreground: style.foreground, background: style.background) {
      pair, foreground, background in
      init_pair(pair, foreground, background) == kfp_OK()
    }
    return (attributes, pair)
  }
}
