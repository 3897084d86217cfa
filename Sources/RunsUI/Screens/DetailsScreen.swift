import Foundation
import RunsCore

/// One run in full: metadata, parameters, and its metrics per node (node × metric grid), which
/// is where a metric reported by two steps shows both values.
enum DetailsScreen {
  static func draw(_ grid: inout Grid, _ state: AppState, theme: Theme, now: Date) {
    guard let details = state.details, let run = state.run(id: details.runID) else {
      grid.write("This run is no longer in the source.", x: 2, y: 1, width: grid.width - 4)
      StatusBar.draw(
        &grid, y: grid.height - 1, segments: StatusBar.commonSegments(state, theme), theme: theme)
      return
    }
    let layout = details.layout
    let head = headLines(for: run, state: state, now: now, theme: theme)
    let count = head.count + (layout?.grid.lineCount ?? 1)
    let rows = max(0, grid.height - 1)
    let top = max(0, min(details.firstRow, count - rows))
    // Only the window is built: the grid below the head may have a million lines.
    for slot in 0..<rows where top + slot < count {
      let index = top + slot
      let line =
        index < head.count
        ? head[index]
        : layout?.grid.line(
          index - head.count, firstColumn: details.firstNode, width: grid.width, theme: theme)
          ?? [Segment("  laying out \(run.metrics.count) entries…", theme.dim)]
      grid.write(line, x: 0, y: slot, width: grid.width)
    }
    var segments = [Segment("details of \(run.name)", theme.statusBar)]
    if count > rows {
      segments.append(
        Segment("lines \(top + 1)–\(min(count, top + rows)) of \(count)", theme.statusBar))
    }
    // A node × metric grid wider than the screen: which nodes are shown, and on which side
    // ← or → shows more.
    if let metricGrid = layout?.grid,
      details.firstNode > 0 || metricGrid.lastFirstColumn(width: grid.width) > 0
    {
      let shown = metricGrid.wholeColumns(from: details.firstNode, width: grid.width)
      let left = shown.lowerBound > 0 ? theme.glyphs.moreLeft + " " : ""
      let right = shown.upperBound < metricGrid.nodes.count ? " " + theme.glyphs.moreRight : ""
      segments.append(
        Segment(
          left + "nodes \(shown.lowerBound + 1)–\(shown.upperBound) of \(metricGrid.nodes.count)"
            + right, theme.statusBar))
    }
    segments += StatusBar.commonSegments(state, theme)
    StatusBar.draw(&grid, y: grid.height - 1, segments: segments, theme: theme)
  }

  /// How many lines the details of `run` have.
  static func lineCount(of run: Run, details: DetailsState, state: AppState) -> Int {
    headLines(for: run, state: state, now: nil, theme: Theme(state.options)).count
      + (details.layout?.grid.lineCount ?? 1)
  }

  /// Every line of the screen (the grid with all its columns).
  static func lines(for run: Run, state: AppState, now: Date? = nil, theme: Theme? = nil)
    -> [[Segment]]
  {
    let theme = theme ?? Theme(state.options)
    let grid = MetricGridLayout(run.metrics)
    return headLines(for: run, state: state, now: now, theme: theme)
      + (0..<grid.lineCount).map { grid.line($0, width: .max, theme: theme) }
  }

  /// The lines above the metric grid; `now` (when given) dates a run that has not finished.
  private static func headLines(for run: Run, state: AppState, now: Date?, theme: Theme)
    -> [[Segment]]
  {
    let zone = state.options.timeZone
    var lines: [[Segment]] = [[Segment("Run ", theme.title), Segment(run.name, theme.title)], []]
    var fields: [(String, [Segment])] = [("ID", [Segment(run.id)])]
    let marks = now.flatMap { state.watch.marks(of: run.id, at: $0) }
    if let status = run.status {
      let style = theme.status(status, on: .plain)
      fields.append(
        (
          "Status",
          [
            Segment(
              theme.glyphs.symbol(for: status) + " " + status.rawValue,
              marks?.statusChanged == true ? theme.changed(on: style) : style)
          ]
        ))
    } else {
      fields.append(("Status", [Segment("unknown", theme.dim)]))
    }
    fields.append(("Experiment", [Segment(run.experiment.map { "\($0.name) (\($0.id))" } ?? "")]))
    fields.append(("Pipeline", [Segment(run.pipeline ?? "")]))
    fields.append(
      ("Created", [Segment(run.createdAt.map { TimeText.local($0, timeZone: zone) } ?? "")]))
    fields.append(
      (
        "Finished",
        [Segment(run.finishedAt.map { TimeText.local($0, timeZone: zone) } ?? "not finished")]
      ))
    if let duration = run.duration {
      fields.append(("Duration", [Segment(TimeText.duration(duration))]))
    } else if let created = run.createdAt, let now, let state = Self.unfinishedState(run.status) {
      let elapsed = TimeText.duration(now.timeIntervalSince(created))
      fields.append(("Duration", [Segment("\(state) for " + elapsed)]))
    } else {
      fields.append(("Duration", []))
    }
    if let marks { fields.append(("Changed", changeSegments(marks, theme: theme))) }
    lines += labelled(fields, theme: theme)

    lines.append([])
    lines.append([Segment("Parameters", theme.section)])
    if run.parameters.isEmpty {
      lines.append([Segment("  none", theme.dim)])
    } else {
      lines += labelled(run.parameters.map { ($0.name, [Segment($0.value)]) }, theme: theme)
    }

    if !run.notes.isEmpty {
      lines.append([])
      lines.append([Segment("Notes", theme.section)])
      lines += run.notes.map { [Segment("  " + TextSanitizer.clean($0))] }
    }

    lines.append([])
    lines.append([Segment("Metrics per node", theme.section)])
    return lines
  }

  /// What a watch cycle changed about the run, with the table's markers: `new run`, `status`,
  /// `accuracy ▲`, …
  private static func changeSegments(_ marks: WatchState.Marks, theme: Theme) -> [Segment] {
    var segments: [Segment] = []
    func separate() {
      if !segments.isEmpty { segments.append(Segment(" \(theme.glyphs.separator) ")) }
    }
    if marks.added {
      segments.append(Segment("new run"))
    }
    if marks.statusChanged {
      separate()
      segments.append(Segment("status", theme.changed(on: .plain)))
    }
    for name in marks.metrics.keys.sorted() {
      guard let direction = marks.metrics[name] else { continue }
      separate()
      let glyph =
        switch direction {
        case true?: theme.glyphs.sortAscending
        case false?: theme.glyphs.sortDescending
        case nil: theme.glyphs.appearedOrWent
        }
      let better = direction.map { $0 == MetricDirection.higherIsBetter(name) }
      segments.append(Segment(TextSanitizer.clean(name) + " "))
      segments.append(Segment(glyph, theme.change(better: better, on: .plain)))
    }
    return segments
  }

  /// `  label   value` lines with the labels padded to one width.
  /// What an unfinished run is doing, for "running for 2:00:00"; nothing when its status does
  /// not say (a finished run without an end time, or no status at all, as `kfp.local` runs).
  private static func unfinishedState(_ status: RunStatus?) -> String? {
    switch status {
    case .pending: "pending"
    case .running, .terminating: "running"
    default: nil
    }
  }

  private static func labelled(_ fields: [(String, [Segment])], theme: Theme) -> [[Segment]] {
    let width = DetailsLayout.labelWidth(fields.lazy.map(\.0))
    return fields.map { label, value in
      let padded = TextLayout.pad(TextSanitizer.clean(label), width: width)
      return [Segment("  "), Segment(padded, theme.label), Segment("  ")] + value
    }
  }
}
