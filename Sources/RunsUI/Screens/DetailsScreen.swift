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
    let lines = lines(for: run, state: state, now: now, theme: theme)
    let rows = max(0, grid.height - 1)
    let top = max(0, min(details.scrollTop, lines.count - rows))
    for slot in 0..<rows where top + slot < lines.count {
      grid.write(lines[top + slot], x: 0, y: slot, width: grid.width)
    }
    var segments = [Segment("details of \(run.name)", theme.statusBar)]
    if lines.count > rows {
      segments.append(
        Segment(
          "lines \(top + 1)–\(min(lines.count, top + rows)) of \(lines.count)", theme.statusBar))
    }
    segments += StatusBar.commonSegments(state, theme)
    StatusBar.draw(&grid, y: grid.height - 1, segments: segments, theme: theme)
  }

  /// The screen's lines; `now` (when given) dates a run that has not finished.
  static func lines(for run: Run, state: AppState, now: Date? = nil, theme: Theme? = nil)
    -> [[Segment]]
  {
    let theme = theme ?? Theme(state.options)
    let zone = state.options.timeZone
    var lines: [[Segment]] = [[Segment("Run ", theme.title), Segment(run.name, theme.title)], []]
    var fields: [(String, [Segment])] = [("ID", [Segment(run.id)])]
    if let status = run.status {
      fields.append(
        (
          "Status",
          [
            Segment(
              theme.glyphs.symbol(for: status) + " " + status.rawValue,
              theme.status(status, on: .plain))
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
    } else if let created = run.createdAt, let now {
      fields.append(
        ("Duration", [Segment("running for " + TimeText.duration(now.timeIntervalSince(created)))]))
    } else {
      fields.append(("Duration", []))
    }
    lines += labelled(fields, theme: theme)

    lines.append([])
    lines.append([Segment("Parameters", theme.section)])
    if run.parameters.isEmpty {
      lines.append([Segment("  none", theme.dim)])
    } else {
      lines += labelled(run.parameters.map { ($0.name, [Segment($0.value)]) }, theme: theme)
    }

    lines.append([])
    lines.append([Segment("Metrics per node", theme.section)])
    lines += metricGrid(run, theme: theme)
    return lines
  }

  /// `  label   value` lines with the labels padded to one width.
  private static func labelled(_ fields: [(String, [Segment])], theme: Theme) -> [[Segment]] {
    let width = min(30, fields.map { DisplayWidth.of(TextSanitizer.clean($0.0)) }.max() ?? 0)
    return fields.map { label, value in
      let padded = TextLayout.pad(TextSanitizer.clean(label), width: width)
      return [Segment("  "), Segment(padded, theme.label), Segment("  ")] + value
    }
  }

  /// Rows: metrics (in first-seen order); columns: nodes (in node-id order).
  private static func metricGrid(_ run: Run, theme: Theme) -> [[Segment]] {
    guard !run.metrics.isEmpty else { return [[Segment("  none", theme.dim)]] }
    var names: [String] = []
    var seenNames = Set<String>()
    var values: [String: [String: Metric]] = [:]
    for metric in run.metrics {
      if seenNames.insert(metric.name).inserted { names.append(metric.name) }
      if values[metric.name, default: [:]][metric.nodeID] == nil {
        values[metric.name, default: [:]][metric.nodeID] = metric
      }
    }
    let nodes = Set(run.metrics.map(\.nodeID)).sorted()
    let labelWidth = min(
      40, max(6, names.map { DisplayWidth.of(TextSanitizer.clean($0)) }.max() ?? 0))
    let text = { (metric: Metric?) -> String in
      metric?.displayText ?? ""
    }
    let nodeWidths = nodes.map { node in
      min(
        30,
        max(
          DisplayWidth.of(TextSanitizer.clean(node)),
          names.map { DisplayWidth.of(text(values[$0]?[node])) }.max() ?? 0))
    }
    var header = [Segment("  " + TextLayout.pad("metric", width: labelWidth), theme.label)]
    for (node, width) in zip(nodes, nodeWidths) {
      header.append(
        Segment(
          "  " + TextLayout.pad(TextSanitizer.clean(node), width: width, alignRight: true),
          theme.label))
    }
    var lines = [header]
    for name in names {
      var line = [Segment("  " + TextLayout.pad(TextSanitizer.clean(name), width: labelWidth))]
      for (node, width) in zip(nodes, nodeWidths) {
        line.append(
          Segment("  " + TextLayout.pad(text(values[name]?[node]), width: width, alignRight: true)))
      }
      lines.append(line)
    }
    return lines
  }
}
