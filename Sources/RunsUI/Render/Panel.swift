import RunsCore

/// Where a boxed panel (help, problems, pickers) sits on the screen.
struct PanelFrame: Sendable, Hashable {
  var x: Int
  var y: Int
  var width: Int
  var height: Int

  /// A panel for `contentRows` lines of `contentWidth` cells, centred above the status bar and
  /// shrunk to the screen.
  static func centered(screenWidth: Int, screenHeight: Int, contentWidth: Int, contentRows: Int)
    -> PanelFrame
  {
    let available = max(0, screenHeight - 1)
    let height = min(available, max(3, contentRows + 2))
    let width = min(screenWidth, max(24, contentWidth + 4))
    return PanelFrame(
      x: max(0, (screenWidth - width) / 2), y: max(0, (available - height) / 2), width: width,
      height: height)
  }

  /// The first content row.
  var contentTop: Int { y + 1 }
  /// Rows inside the border.
  var contentRows: Int { max(0, height - 2) }
  /// The first content column.
  var contentX: Int { x + 2 }
  /// Columns inside the border and its padding.
  var contentWidth: Int { max(0, width - 4) }
}

/// Draws a bordered panel with a title in the top border and a hint in the bottom one.
enum Panel {
  static func draw(
    _ grid: inout Grid, frame: PanelFrame, title: String, footer: String, theme: Theme
  ) {
    let glyphs = theme.glyphs
    let border = Style(bold: true)
    for row in frame.y..<(frame.y + frame.height) {
      grid.fill(x: frame.x, y: row, count: frame.width, style: .plain)
    }
    let horizontal = String(repeating: glyphs.boxHorizontal, count: max(0, frame.width - 2))
    let bottom = frame.y + frame.height - 1
    grid.put(
      glyphs.boxTopLeft + horizontal + glyphs.boxTopRight, x: frame.x, y: frame.y, style: border)
    grid.put(
      glyphs.boxBottomLeft + horizontal + glyphs.boxBottomRight, x: frame.x, y: bottom,
      style: border)
    for row in (frame.y + 1)..<max(frame.y + 1, bottom) {
      grid.put(glyphs.boxVertical, x: frame.x, y: row, style: border)
      grid.put(glyphs.boxVertical, x: frame.x + frame.width - 1, y: row, style: border)
    }
    let room = frame.width - 4
    if room > 2 {
      grid.write([Segment(" \(title) ", theme.title)], x: frame.x + 2, y: frame.y, width: room)
      let hint = TextLayout.fit(" \(footer) ", width: room)
      let hintWidth = DisplayWidth.of(hint)
      grid.put(hint, x: frame.x + frame.width - 2 - hintWidth, y: bottom, style: theme.dim)
    }
  }
}
