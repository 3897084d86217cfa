import Foundation
import RunsCore

/// The compare view's geometry: a fixed label column and equal run columns that scroll.
struct CompareLayout: Sendable {
  var labelWidth: Int
  var columnWidth: Int
  /// Run columns that fit.
  var visibleColumns: Int

  /// How many runs the column width is measured on.
  static let sizingRuns = 200

  /// Rows between the header and the status bar.
  static func bodyRows(height: Int) -> Int { max(0, height - 2) }

  init(_ state: AppState, compare: CompareState, width: Int) {
    let matrix = compare.matrix
    let labels =
      OverviewField.allCases.map(\.title) + matrix.metricNames + matrix.parameterNames
    let longestLabel = labels.map { DisplayWidth.of(TextSanitizer.clean($0)) }.max() ?? 0
    // The label, a space and the direction arrow.
    labelWidth = min(max(14, longestLabel + 3), max(14, width / 3))
    var widest = 10
    var longestName = 0
    // The widths of the first runs are enough to size the columns (and keep a compare of
    // very many runs cheap to draw).
    for (index, id) in compare.runIDs.prefix(Self.sizingRuns).enumerated() {
      guard let run = state.run(id: id) else { continue }
      longestName = max(
        longestName, DisplayWidth.of(TextSanitizer.clean(run.name + compare.nameSuffixes[index])))
      if let created = run.createdAt {
        widest = max(
          widest, DisplayWidth.of(TimeText.local(created, timeZone: state.options.timeZone)))
      }
      for row in matrix.metricNames.indices {
        widest = max(
          widest, DisplayWidth.of(CompareScreen.metricText(compare, row: row, run: index)))
      }
      for row in matrix.parameterNames.indices {
        let value = matrix.parameter(row: row, run: index) ?? ""
        widest = max(widest, DisplayWidth.of(TextSanitizer.clean(value)))
      }
    }
    // Values decide the width; run names widen the columns as far as every run still fits.
    let room = width - labelWidth - 2
    let valueWidth = min(widest, 24)
    let runCount = max(1, compare.runIDs.count)
    columnWidth =
      [32, 24, 16].map { max(valueWidth, min(longestName, $0)) }
      .first { runCount * ($0 + 2) - 2 <= room } ?? valueWidth
    visibleColumns = max(1, (room + 2) / (columnWidth + 2))
  }

  /// The first cell of the `index`th visible run column.
  func x(ofVisibleColumn index: Int) -> Int {
    labelWidth + 2 + index * (columnWidth + 2)
  }
}

/// Every metric of the compared runs side by side, with the overview and parameters.
enum CompareScreen {
  static func draw(_ grid: inout Grid, _ state: AppState, theme: Theme, now: Date) {
    guard let compare = state.compare else { return }
    let layout = CompareLayout(state, compare: compare, width: grid.width)
    let columns = Array(
      compare.runIDs.indices.dropFirst(compare.firstRunColumn).prefix(layout.visibleColumns))
    var runs: [Int: Run] = [:]
    for index in columns { runs[index] = state.run(id: compare.runIDs[index]) }
    let glyphs = theme.glyphs

    // Header: the run names.
    grid.write(
      "\(compare.runIDs.count) run\(compare.runIDs.count == 1 ? "" : "s")", x: 0, y: 0,
      width: layout.labelWidth - 1, style: theme.title)
    for (slot, index) in columns.enumerated() {
      let style = index == compare.columnCursor ? theme.headerCursor : theme.header
      let label = TextLayout.fitLabel(
        TextSanitizer.clean(runs[index]?.name ?? ""),
        suffix: TextSanitizer.clean(compare.nameSuffixes[index]), width: layout.columnWidth)
      grid.write(
        label, x: layout.x(ofVisibleColumn: slot), y: 0, width: layout.columnWidth, style: style)
    }
    grid.put(glyphs.boxVertical, x: layout.labelWidth, y: 0, style: theme.header)
    if compare.firstRunColumn > 0 {
      grid.put(glyphs.moreLeft, x: layout.labelWidth + 1, y: 0, style: theme.header)
    }
    if compare.firstRunColumn + columns.count < compare.runIDs.count {
      grid.put(glyphs.moreRight, x: grid.width - 1, y: 0, style: theme.header)
    }

    // Body.
    let lines = compare.lines
    let selectable = compare.selectableLines
    let cursorLine =
      selectable.indices.contains(compare.cursor) ? selectable[compare.cursor] : -1
    let rows = CompareLayout.bodyRows(height: grid.height)
    for slot in 0..<rows {
      let lineIndex = compare.firstRow + slot
      guard lineIndex < lines.count else { break }
      let y = 1 + slot
      let base = theme.row(cursor: lineIndex == cursorLine)
      grid.fill(x: 0, y: y, count: grid.width, style: base)
      switch lines[lineIndex] {
      case .section(let title):
        let rule = String(repeating: glyphs.boxHorizontal, count: 2)
        grid.write(
          [Segment("\(rule) \(title) \(rule)", theme.section)], x: 0, y: y, width: grid.width)
        continue
      case .overview(let field):
        grid.write(field.title, x: 0, y: y, width: layout.labelWidth - 1, style: base)
        for (slot, index) in columns.enumerated() {
          guard let run = runs[index] else { continue }
          let (text, style) = overviewCell(field, run: run, state: state, base: base, theme: theme)
          grid.write(
            text, x: layout.x(ofVisibleColumn: slot), y: y, width: layout.columnWidth, style: style)
        }
      case .metric(let row):
        let name = compare.matrix.metricNames[row]
        let higher = compare.matrix.higherIsBetter(row: row)
        let arrow = higher ? glyphs.higherIsBetter : glyphs.lowerIsBetter
        let labelText = TextLayout.fit(TextSanitizer.clean(name), width: layout.labelWidth - 3)
        grid.write(
          TextLayout.pad(labelText, width: layout.labelWidth - 3) + " " + arrow, x: 0, y: y,
          width: layout.labelWidth - 1, style: base)
        let best = compare.matrix.best(row: row)
        for (slot, index) in columns.enumerated() {
          let text = metricText(compare, row: row, run: index)
          var style = best.contains(index) ? theme.best(on: base) : base
          if index == 0, text == noBase { style.dim = true }
          grid.write(
            text, x: layout.x(ofVisibleColumn: slot), y: y, width: layout.columnWidth,
            style: style, alignRight: true)
          // A value a watch cycle changed: its marker in the gap after the column.
          if let marks = state.watch.marks(of: compare.runIDs[index], at: now),
            let direction = marks.metrics[name]
          {
            ChangeMarker.put(
              direction, higherIsBetter: higher, in: &grid,
              x: layout.x(ofVisibleColumn: slot) + layout.columnWidth, y: y, base: base,
              theme: theme)
          }
        }
      case .parameter(let row):
        grid.write(
          compare.matrix.parameterNames[row], x: 0, y: y, width: layout.labelWidth - 1, style: base)
        for (slot, index) in columns.enumerated() {
          grid.write(
            compare.matrix.parameter(row: row, run: index) ?? "",
            x: layout.x(ofVisibleColumn: slot), y: y, width: layout.columnWidth, style: base)
        }
      }
      grid.put(glyphs.boxVertical, x: layout.labelWidth, y: y, style: base)
    }
    StatusBar.draw(
      &grid, y: grid.height - 1, segments: statusSegments(state, compare, theme, now: now),
      theme: theme)
  }

  /// A metric cell: the formatted value, or in delta mode its difference from the first run.
  /// Where the first run lacks the metric, the row keeps its values and the first run's cell
  /// says "no base".
  static func metricText(_ compare: CompareState, row: Int, run: Int) -> String {
    let hasBase = compare.matrix.metric(row: row, run: 0) != nil
    guard let metric = compare.matrix.metric(row: row, run: run) else {
      return compare.delta && run == 0 && !hasBase ? noBase : ""
    }
    // A bool or a text has no difference to show: it shows itself.
    if !compare.delta || run == 0 || !hasBase || metric.format == .v2Bool
      || metric.format == .v2Text
    {
      return metric.displayText
    }
    return compare.matrix.delta(row: row, run: run)?.text(format: compare.matrix.format(row: row))
      ?? ""
  }

  /// What the first run's cell says in delta mode when it lacks the row's metric.
  static let noBase = "no base"

  private static func overviewCell(
    _ field: OverviewField, run: Run, state: AppState, base: Style, theme: Theme
  ) -> (String, Style) {
    switch field {
    case .status:
      guard let status = run.status else { return ("", base) }
      return (
        theme.glyphs.symbol(for: status) + " " + status.rawValue, theme.status(status, on: base)
      )
    case .duration:
      return (run.duration.map { TimeText.duration($0) } ?? "", base)
    case .started:
      return (
        run.createdAt.map { TimeText.local($0, timeZone: state.options.timeZone) } ?? "", base
      )
    case .experiment:
      return (run.experiment?.name ?? "", base)
    }
  }

  private static func statusSegments(
    _ state: AppState, _ compare: CompareState, _ theme: Theme, now: Date
  ) -> [Segment] {
    let bar = theme.statusBar
    let first = compare.runIDs.first.flatMap { state.run(id: $0)?.name } ?? ""
    var segments = [
      Segment("compare \(compare.runIDs.count) run\(compare.runIDs.count == 1 ? "" : "s")", bar),
      Segment(
        compare.delta
          ? "delta vs \(TextLayout.fit(TextSanitizer.clean(first), width: 16))" : "values",
        compare.delta ? theme.statusBarAlert : bar, priority: 6),
      Segment(
        compare.hideUniform ? "uniform hidden" : "all rows",
        compare.hideUniform ? theme.statusBarAlert : bar, priority: 5),
      Segment("D delta · x uniform · d flip best", bar),
    ]
    segments += StatusBar.watchSegments(state, theme, now: now)
    segments += StatusBar.commonSegments(state, theme)
    return segments
  }
}
