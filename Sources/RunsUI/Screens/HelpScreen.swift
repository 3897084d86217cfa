import RunsCore

/// Every key binding of `KeyMap`, grouped by where it applies.
enum HelpScreen {
  /// The help text's lines.
  static let lines: [[Segment]] = {
    let theme = Theme(RenderOptions(color: false))
    let labelWidth = KeyMap.bindings.map { DisplayWidth.of($0.label) }.max() ?? 0
    var lines: [[Segment]] = []
    for context in KeyContext.allCases {
      let bindings = KeyMap.bindings.filter { $0.context == context }
      guard !bindings.isEmpty else { continue }
      if !lines.isEmpty { lines.append([]) }
      lines.append([Segment(context.title, theme.title)])
      for binding in bindings {
        lines.append([
          Segment(
            "  " + TextLayout.pad(binding.label, width: labelWidth) + "  ", Style(bold: true)),
          Segment(binding.description),
        ])
      }
    }
    return lines
  }()

  /// How many lines help has (for scrolling).
  static var lineCount: Int { lines.count }

  static func draw(_ grid: inout Grid, _ state: AppState, theme: Theme) {
    let contentWidth = lines.map { $0.reduce(0) { $0 + DisplayWidth.of($1.text) } }.max() ?? 0
    let frame = PanelFrame.centered(
      screenWidth: grid.width, screenHeight: grid.height, contentWidth: contentWidth,
      contentRows: lines.count)
    Panel.draw(&grid, frame: frame, title: "Keys", footer: "↑↓ scroll · Esc close", theme: theme)
    let top = max(0, min(state.helpFirstRow, lines.count - frame.contentRows))
    for slot in 0..<frame.contentRows where top + slot < lines.count {
      var line = lines[top + slot]
      if slot == 0 || lines[top + slot].count == 1 {
        line = line.map { Segment($0.text, theme.title) }
      }
      grid.write(line, x: frame.contentX, y: frame.contentTop + slot, width: frame.contentWidth)
    }
  }
}
