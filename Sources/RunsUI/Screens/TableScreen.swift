import Foundation
import RunsCore

/// The runs table: header, the visible rows only, and the status bar.
enum TableScreen {
  static func draw(_ grid: inout Grid, _ state: AppState, theme: Theme, now: Date = Date()) {
    let layout = TableLayout(state, width: grid.width)
    drawHeader(&grid, state, layout: layout, theme: theme)
    let rows = max(0, grid.height - 2)
    let shown = state.model.shown
    if shown.isEmpty {
      drawEmpty(&grid, state, theme: theme, rows: rows)
    } else {
      let top = max(0, min(state.firstRow, shown.count - rows))
      let visible = Array(shown[top..<min(shown.count, top + rows)])
      let suffixes = nameSuffixes(visible.map { state.runs[$0] }, state: state)
      for (line, index) in visible.enumerated() {
        let row = top + line
        drawRow(
          &grid, state.runs[index], nameSuffix: suffixes[line], y: 1 + line,
          cursor: row == state.cursor,
          marks: state.watch.marks(of: state.runs[index].id, at: now),
          state: state, layout: layout, theme: theme)
      }
    }
    StatusBar.draw(
      &grid, y: grid.height - 1, segments: StatusBar.tableSegments(state, theme, now: now),
      theme: theme)
  }

  // MARK: Header

  private static func drawHeader(
    _ grid: inout Grid, _ state: AppState, layout: TableLayout, theme: Theme
  ) {
    if layout.moreLeft { grid.put(theme.glyphs.moreLeft, x: 0, y: 0, style: theme.header) }
    for column in layout.columns {
      let isSort = state.sort.column == column.column
      let style = column.column == state.columnCursor ? theme.headerCursor : theme.header
      var title = TextSanitizer.clean(column.column.title)
      if isSort {
        // The arrow takes the cell beside the title on the side away from the alignment, so
        // the title stays where it is without the arrow (numbers: the arrow goes left).
        let arrow = state.sort.ascending ? theme.glyphs.sortAscending : theme.glyphs.sortDescending
        let fitted = TextLayout.fit(title, width: column.width - 2)
        title = column.alignRight ? arrow + " " + fitted : fitted + " " + arrow
      }
      let reserved = TableLayout.isMetric(column.column) ? TableLayout.markCell : 0
      grid.fill(x: column.x, y: 0, count: column.width, style: style)
      grid.write(
        title, x: column.x, y: 0, width: column.width - reserved, style: style,
        alignRight: column.alignRight)
    }
    if layout.moreRight {
      grid.put(theme.glyphs.moreRight, x: grid.width - 1, y: 0, style: theme.header)
    }
  }

  // MARK: Rows

  /// The short id after each run's name where another run in scope has the same name (told
  /// apart among the rows on screen).
  static func nameSuffixes(_ runs: [Run], state: AppState) -> [String] {
    let repeated = state.model.scopeTally.repeatedNames
    guard !repeated.isEmpty else { return Array(repeating: "", count: runs.count) }
    var groups: [String: [Int]] = [:]
    for (row, run) in runs.enumerated() where repeated.contains(run.name) {
      groups[run.name, default: []].append(row)
    }
    var suffixes = Array(repeating: "", count: runs.count)
    for rows in groups.values {
      for (row, short) in zip(rows, ShortID.of(rows.map { runs[$0].id })) {
        suffixes[row] = " (\(short))"
      }
    }
    return suffixes
  }

  private static func drawRow(
    _ grid: inout Grid, _ run: Run, nameSuffix: String, y: Int, cursor: Bool,
    marks: WatchState.Marks?, state: AppState, layout: TableLayout, theme: Theme
  ) {
    let base = theme.row(cursor: cursor)
    grid.fill(x: 0, y: y, count: grid.width, style: base)
    if state.selection.contains(run.id) {
      grid.put(theme.glyphs.selected, x: 0, y: y, style: theme.mark(on: base))
    } else if marks?.added == true {
      grid.put("+", x: 0, y: y, style: theme.mark(on: base))
    }
    for column in layout.columns {
      drawCell(
        &grid, run, nameSuffix: nameSuffix, column: column, y: y, base: base, state: state,
        theme: theme)
      guard let marks else { continue }
      switch column.column {
      case .status where marks.statusChanged:
        let colored = run.status.map { theme.status($0, on: base) } ?? base
        grid.fillStyle(theme.changed(on: colored), x: column.x, y: y, count: column.width)
      case .metric(let name):
        guard let direction = marks.metrics[name] else { continue }
        ChangeMarker.put(
          direction, higherIsBetter: MetricDirection.higherIsBetter(name), in: &grid,
          x: column.x + column.width - TableLayout.markCell, y: y, base: base, theme: theme)
      default: continue
      }
    }
  }

  private static func drawCell(
    _ grid: inout Grid, _ run: Run, nameSuffix: String, column: TableColumn, y: Int, base: Style,
    state: AppState, theme: Theme
  ) {
    let x = column.x
    let width = column.width
    switch column.column {
    case .name:
      let label = TextLayout.fitLabel(
        TextSanitizer.clean(run.name), suffix: TextSanitizer.clean(nameSuffix), width: width)
      grid.write(label, x: x, y: y, width: width, style: base)
    case .status:
      guard let status = run.status else { return }
      let text = theme.glyphs.symbol(for: status) + " " + status.rawValue
      grid.write(text, x: x, y: y, width: width, style: theme.status(status, on: base))
    case .duration:
      let text = run.duration.map { TimeText.duration($0) } ?? ""
      grid.write(text, x: x, y: y, width: width, style: base, alignRight: true)
    case .experiment:
      grid.write(run.experiment?.name ?? "", x: x, y: y, width: width, style: base)
    case .pipeline:
      grid.write(run.pipeline ?? "", x: x, y: y, width: width, style: base)
    case .created:
      let text = run.createdAt.map { TimeText.local($0, timeZone: state.options.timeZone) } ?? ""
      grid.write(text, x: x, y: y, width: width, style: base)
    case .parameter(let name):
      let text = TextSanitizer.clean(ParameterColumns.value(of: name, in: run) ?? "")
      grid.write(text, x: x, y: y, width: width, style: base, alignRight: column.alignRight)
    case .metric(let name):
      guard let metric = run.metric(named: name) else { return }
      let text = metric.displayText
      let valueWidth = width - TableLayout.markCell
      grid.write(text, x: x, y: y, width: valueWidth, style: base, alignRight: true)
      if run.hasSeveralNodes(for: name) {
        grid.put(theme.glyphs.severalNodes, x: x + valueWidth, y: y, style: base)
      }
      guard state.barsOn,
        let info = state.model.metricInfo.first(where: { $0.name == name })
      else { return }
      let fraction = barFraction(metric, info: info)
      let filled = Int((fraction * Double(width)).rounded())
      grid.fillStyle(theme.bar(on: base), x: x, y: y, count: min(width, max(0, filled)))
    }
  }

  /// How much of a metric cell the bar fills: a percentage is its own fraction (clamped);
  /// other values sit between the column's minimum and maximum (full when they are equal).
  static func barFraction(_ metric: Metric, info: MetricColumnInfo) -> Double {
    let fraction: Double
    if metric.format == .percentage {
      fraction = metric.value
    } else if let low = info.min, let high = info.max, high > low {
      fraction = (metric.value - low) / (high - low)
    } else {
      fraction = 1
    }
    guard fraction.isFinite else { return fraction > 0 ? 1 : 0 }
    return min(1, max(0, fraction))
  }

  // MARK: Empty states

  private static func drawEmpty(_ grid: inout Grid, _ state: AppState, theme: Theme, rows: Int) {
    var message = emptyMessage(state)
    if !state.problems.isEmpty {
      message += [
        "\(theme.glyphs.warning) \(state.problems.count) problem\(state.problems.count == 1 ? "" : "s") — press ! to see them"
      ]
    }
    let width = max(0, grid.width - 4)
    let top = min(2, max(1, rows - 1))
    var y = top
    for paragraph in message {
      for line in Wrap.lines(paragraph, width: width) where y <= rows {
        // The first line (what is wrong) stands out.
        grid.put(line, x: 2, y: y, style: y == top ? theme.title : .plain)
        y += 1
      }
    }
  }

  /// What an empty table says, as paragraphs.
  static func emptyMessage(_ state: AppState) -> [String] {
    let source = state.sourceDescription
    if state.runs.isEmpty {
      if state.loading.isLoading { return ["Loading runs from \(source)…"] }
      if let failure = state.loadFailure {
        return ["Could not read \(source).", failure.message, "Press r to try again."]
      }
      switch state.sourceKind {
      case .directory:
        return [
          "No runs found in \(source): a run is a folder holding an mlpipeline-metrics.json — see `kfp-runs --help`."
        ]
      case .jsonFile:
        return [
          "No runs found in \(source): it should hold a KFP ListRunsResponse, a JSON array of runs or JSON Lines — see `kfp-runs --help`."
        ]
      case .server:
        return [
          "No runs found at \(source).",
          "Check --experiment and --namespace (multi-user KFP needs one), press r to reload — see `kfp-runs --help`.",
        ]
      case .demo:
        return ["No demo runs."]
      }
    }
    if state.model.sorted.isEmpty {
      return ["No runs in \(StatusBar.scopeText(state)).", "Press e to pick another experiment."]
    }
    return [
      "No run name contains \"\(state.filterText)\".",
      "Press / to change the filter, Esc to clear it.",
    ]
  }

  // MARK: Filter input

  /// The filter input replaces the status bar while it is open.
  static func drawFilterLine(_ grid: inout Grid, _ state: AppState, theme: Theme) {
    let y = grid.height - 1
    grid.fill(x: 0, y: y, count: grid.width, style: theme.statusBar)
    let hint = "  \(state.model.shown.count) of \(state.scopeCount) shown · Enter keep · Esc clear"
    // The text's end (where typing happens) stays visible: the hint goes first, then the
    // text's beginning.
    let room = max(1, grid.width - 2 - min(DisplayWidth.of(hint), grid.width / 2))
    var text = TextSanitizer.clean(state.filterText)
    if DisplayWidth.of(text) > room {
      while !text.isEmpty, DisplayWidth.of(text) > room - 1 { text.removeFirst() }
      text = TextLayout.ellipsis + text
    }
    let segments = [
      Segment("/", theme.statusBarAlert), Segment(text, theme.statusBar),
      Segment(theme.glyphs.cursorBlock, theme.statusBar), Segment(hint, theme.statusBar),
    ]
    grid.write(segments, x: 0, y: y, width: grid.width)
  }
}
