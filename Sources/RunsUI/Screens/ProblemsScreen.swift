import RunsCore

/// Every problem met while loading: where, how bad, and what is wrong. It scrolls by
/// problem, so a frame only lays out the problems on screen however many there are.
enum ProblemsScreen {
  /// The scroll range: one step per problem.
  static func lineCount(_ state: AppState) -> Int {
    max(1, state.problems.count)
  }

  static func draw(_ grid: inout Grid, _ state: AppState, theme: Theme) {
    let problems = state.problems
    let indent = 9
    // The panel spans the width; its height fits the problems (counted until the screen is full).
    var rows = 0
    for (index, problem) in problems.enumerated() where rows < grid.height {
      rows += 1 + Wrap.lines(problem.message, width: grid.width - 4 - indent).count
      if index == state.problemsCursor, state.problemsShowPath {
        rows += chunks(place(of: problem), width: grid.width - 4 - indent).count - 1
      }
    }
    let frame = PanelFrame.centered(
      screenWidth: grid.width, screenHeight: grid.height, contentWidth: grid.width,
      contentRows: max(1, rows))
    let errors = problems.filter { $0.severity == .error }.count
    let warnings = problems.count - errors
    let title =
      "Problems: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    Panel.draw(
      &grid, frame: frame, title: title, footer: "↑↓ move · Enter go to the run · Esc close",
      theme: theme)
    guard !problems.isEmpty else {
      grid.write("No problems.", x: frame.contentX, y: frame.contentTop, width: frame.contentWidth)
      return
    }
    var y = frame.contentTop
    let bottom = frame.contentTop + frame.contentRows
    var index = max(0, min(state.problemsCursor, problems.count - 1))
    while y < bottom, index < problems.count {
      let problem = problems[index]
      let place = place(of: problem)
      // The cursor problem (the first shown) is marked; Enter shows its location in full.
      let isCursor = index == state.problemsCursor
      var label = theme.label
      if isCursor { label.reverse = true }
      let placeLines =
        isCursor && state.problemsShowPath
        ? chunks(place, width: frame.contentWidth - indent) : [place]
      for (number, text) in placeLines.enumerated() where y < bottom {
        grid.write(
          [
            Segment(
              TextLayout.pad(number == 0 ? problem.severity.rawValue : "", width: indent),
              theme.severity(problem.severity, on: .plain)),
            Segment(text, label),
          ], x: frame.contentX, y: y, width: frame.contentWidth)
        y += 1
      }
      for line in Wrap.lines(problem.message, width: frame.contentWidth - indent) where y < bottom {
        grid.write(line, x: frame.contentX + indent, y: y, width: frame.contentWidth - indent)
        y += 1
      }
      index += 1
    }
  }

  private static func place(of problem: Problem) -> String {
    TextSanitizer.clean(
      problem.entry.map { "\(problem.location):entry \($0)" } ?? problem.location)
  }

  /// `text` cut into lines of at most `width` cells, wherever the width ends (a path has no
  /// spaces to wrap at).
  static func chunks(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [text] }
    var lines = [""]
    var used = 0
    for character in text {
      let cells = DisplayWidth.of(character)
      if used + cells > width, used > 0 {
        lines.append("")
        used = 0
      }
      lines[lines.count - 1].append(character)
      used += cells
    }
    return lines
  }
}
