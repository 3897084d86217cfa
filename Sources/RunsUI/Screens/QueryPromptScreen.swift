import RunsCore

/// The query prompt (`f`): the text on the bottom line, and above it the error with a `^`
/// under the bad token, or what Tab offered.
enum QueryPromptScreen {
  static let label = "where "

  static func draw(_ grid: inout Grid, _ state: AppState, theme: Theme) {
    guard let prompt = state.queryPrompt, grid.height >= 2 else { return }
    let y = grid.height - 1
    grid.fill(x: 0, y: y, count: grid.width, style: theme.statusBar)
    let hint = prompt.error == nil ? "  Enter keep · Esc cancel · Tab complete" : "  Esc cancel"
    // The end of the text (where typing happens) stays visible; its start is cut first.
    let labelWidth = DisplayWidth.of(label)
    let room = max(1, grid.width - labelWidth - 1 - min(DisplayWidth.of(hint), grid.width / 3))
    var characters = Array(TextSanitizer.clean(prompt.text))
    var cut = 0
    var text = String(characters)
    if DisplayWidth.of(text) > room {
      while !characters.isEmpty, DisplayWidth.of(String(characters)) > room - 1 {
        characters.removeFirst()
        cut += 1
      }
      text = TextLayout.ellipsis + String(characters)
    }
    grid.write(
      [
        Segment(label, theme.statusBarAlert), Segment(text, theme.statusBar),
        Segment(theme.glyphs.cursorBlock, theme.statusBar), Segment(hint, theme.statusBar),
      ], x: 0, y: y, width: grid.width)
    let above = y - 1
    if let error = prompt.error {
      // Where the bad token is on screen (the cut start counts as the ellipsis).
      let visible = max(0, error.position - cut)
      let before = String(characters.prefix(visible))
      let caret = min(
        grid.width - 1, labelWidth + (cut > 0 ? 1 : 0) + DisplayWidth.of(before))
      grid.fill(x: 0, y: above, count: grid.width, style: theme.statusBar)
      grid.put("^", x: caret, y: above, style: theme.statusBarAlert)
      // The message above the caret, on up to two lines so the suggestions stay in view.
      let message = error.message + error.suggestionText
      let lines = Wrap.lines(message, width: max(1, grid.width - 2)).prefix(2)
      for (offset, line) in lines.enumerated() {
        let row = above - lines.count + offset
        guard row >= 0 else { continue }
        grid.fill(x: 0, y: row, count: grid.width, style: theme.statusBar)
        grid.write(line, x: 1, y: row, width: grid.width - 2, style: theme.statusBarAlert)
      }
    } else if !prompt.offered.isEmpty {
      grid.fill(x: 0, y: above, count: grid.width, style: theme.statusBar)
      let list = "Tab: " + prompt.offered.map(TextSanitizer.clean).joined(separator: "  ")
      grid.write(
        TextLayout.fit(list, width: grid.width - 1), x: 1, y: above, width: grid.width - 1,
        style: theme.statusBar)
    }
  }
}
