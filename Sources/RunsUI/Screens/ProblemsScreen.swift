import RunsCore

/// Every problem met while loading: where, how bad, and what is wrong.
enum ProblemsScreen {
  /// Lines the list has: two per problem (place, then message), or one saying there are none.
  static func lineCount(_ state: AppState) -> Int {
    max(1, state.problems.count * 2)
  }

  static func draw(_ grid: inout Grid, _ state: AppState, theme: Theme) {
    let problems = state.problems
    let frame = PanelFrame.centered(
      screenWidth: grid.width, screenHeight: grid.height, contentWidth: grid.width,
      contentRows: lineCount(state))
    let errors = problems.filter { $0.severity == .error }.count
    let title =
      "Problems: \(errors) error\(errors == 1 ? "" : "s"), \(problems.count - errors) warning\(problems.count - errors == 1 ? "" : "s")"
    Panel.draw(&grid, frame: frame, title: title, footer: "↑↓ scroll · Esc close", theme: theme)
    guard !problems.isEmpty else {
      grid.write("No problems.", x: frame.contentX, y: frame.contentTop, width: frame.contentWidth)
      return
    }
    let total = lineCount(state)
    let top = max(0, min(state.problemsScroll, total - frame.contentRows))
    for slot in 0..<frame.contentRows where top + slot < total {
      let line = top + slot
      let problem = problems[line / 2]
      let y = frame.contentTop + slot
      if line % 2 == 0 {
        let place = problem.entry.map { "\(problem.location):entry \($0)" } ?? problem.location
        let severity = TextLayout.pad(problem.severity.rawValue, width: 8)
        grid.write(
          [
            Segment(severity, theme.severity(problem.severity, on: .plain)),
            Segment(place, theme.label),
          ],
          x: frame.contentX, y: y, width: frame.contentWidth)
      } else {
        grid.write(
          [Segment("        "), Segment(problem.message)], x: frame.contentX, y: y,
          width: frame.contentWidth)
      }
    }
  }
}
