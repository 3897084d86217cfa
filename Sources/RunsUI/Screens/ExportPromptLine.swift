import RunsCore

/// The `>` prompt on the bottom line: the file name being typed, or the overwrite question.
enum ExportPromptLine {
  static func draw(_ grid: inout Grid, _ state: AppState, theme: Theme) {
    guard let prompt = state.exportPrompt else { return }
    let y = grid.height - 1
    grid.fill(x: 0, y: y, count: grid.width, style: theme.statusBar)
    if let path = prompt.confirming {
      grid.write(
        [
          Segment(" \(path)", theme.statusBarAlert),
          Segment(" exists: overwrite it? y yes · n no", theme.statusBar),
        ], x: 0, y: y, width: grid.width)
      return
    }
    let label = prompt.view == .table ? " write the table to: " : " write the comparison to: "
    let hint = "  Enter write · Esc cancel"
    // The end of the name (where typing happens) stays visible.
    let room = max(
      1, grid.width - DisplayWidth.of(label) - 1 - min(DisplayWidth.of(hint), grid.width / 3))
    var text = TextSanitizer.clean(prompt.name)
    if DisplayWidth.of(text) > room {
      while !text.isEmpty, DisplayWidth.of(text) > room - 1 { text.removeFirst() }
      text = TextLayout.ellipsis + text
    }
    grid.write(
      [
        Segment(label, theme.statusBarAlert), Segment(text, theme.statusBar),
        Segment(theme.glyphs.cursorBlock, theme.statusBar), Segment(hint, theme.statusBar),
      ], x: 0, y: y, width: grid.width)
  }
}
