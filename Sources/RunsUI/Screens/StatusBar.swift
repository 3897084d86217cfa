import RunsCore

/// The bottom line: what is shown and what is going on (SPEC §5.4).
enum StatusBar {
  /// Draws segments separated by `·`; the first (the source) is cut first when space runs out,
  /// and `? help` sits on the right when it fits.
  static func draw(_ grid: inout Grid, y: Int, segments: [Segment], theme: Theme) {
    guard y >= 0, y < grid.height else { return }
    grid.fill(x: 0, y: y, count: grid.width, style: theme.statusBar)
    let separator = Segment(" \(theme.glyphs.separator) ", theme.statusBar)
    var parts = segments
    let restWidth = parts.dropFirst().reduce(0) { $0 + DisplayWidth.of($1.text) + 3 }
    let help = " ? help "
    let helpWidth = DisplayWidth.of(help)
    if var first = parts.first {
      let room = max(8, grid.width - restWidth - 2)
      first.text = TextLayout.fit(TextSanitizer.clean(first.text), width: room)
      parts[0] = first
    }
    var line: [Segment] = [Segment(" ", theme.statusBar)]
    for (index, part) in parts.enumerated() {
      if index > 0 { line.append(separator) }
      line.append(part)
    }
    let used = grid.write(line, x: 0, y: y, width: grid.width)
    if used + helpWidth + 1 <= grid.width {
      grid.put(help, x: grid.width - helpWidth, y: y, style: theme.statusBar)
    }
  }

  /// The runs table's segments: source, scope, counts, sort, filter, loading, insecure, problems.
  static func tableSegments(_ state: AppState, _ theme: Theme) -> [Segment] {
    let bar = theme.statusBar
    var segments = [Segment(state.sourceDescription, bar), Segment(scopeText(state), bar)]
    let count = state.scopeCount
    var runs = "\(count) run\(count == 1 ? "" : "s")"
    if !state.filterText.isEmpty { runs += ", \(state.model.shown.count) shown" }
    segments.append(Segment(runs, bar))
    segments.append(Segment("\(state.selection.count) selected", bar))
    let arrow = state.sort.ascending ? theme.glyphs.sortAscending : theme.glyphs.sortDescending
    segments.append(Segment("sort: \(TextSanitizer.clean(state.sort.column.title)) \(arrow)", bar))
    if !state.filterText.isEmpty {
      segments.append(Segment("filter: \"\(TextSanitizer.clean(state.filterText))\"", bar))
    }
    segments += commonSegments(state, theme)
    return segments
  }

  /// Loading, insecure and problems: shown on every screen.
  static func commonSegments(_ state: AppState, _ theme: Theme) -> [Segment] {
    var segments: [Segment] = []
    if state.loading.isLoading {
      let loaded = state.loading.loaded
      let text =
        state.loading.total.map { "loaded \(loaded) of \($0)" } ?? "loading… \(loaded) loaded"
      segments.append(Segment(text, theme.statusBarAlert))
    }
    if state.insecure { segments.append(Segment("insecure", theme.statusBarAlert)) }
    if !state.problems.isEmpty {
      let count = state.problems.count
      segments.append(
        Segment(
          "\(theme.glyphs.warning) \(count) problem\(count == 1 ? "" : "s")", theme.statusBarAlert))
    }
    return segments
  }

  /// `all runs` or `experiment NAME`.
  static func scopeText(_ state: AppState) -> String {
    switch state.scope {
    case .all:
      return "all runs"
    case .experiment(let key):
      let name = state.experiments.first { $0.id == key }?.name ?? key
      return "experiment \(TextSanitizer.clean(name))"
    }
  }
}
