import Foundation
import RunsCore

/// The runs table of `kfp-runs list` (plain text and Markdown): the same columns as the
/// application's runs table, each cell sanitized.
public enum RunsTable {
  /// The widest a name, experiment or pipeline cell gets; longer text is shortened with `…`
  /// (the machine formats keep it whole).
  public static let maximumTextWidth = 60
  /// The narrowest a run name gets when the table is fitted to a width.
  public static let minimumNameWidth = 16

  /// The table: Run name (with a short id where names repeat), Status, Duration, Experiment
  /// (when `showsExperiment`), Pipeline (when a run has one, as in the application), Start
  /// time (local time in `timeZone`), then one right-aligned column per metric name, then one
  /// per parameter name (right-aligned when every value reads as a number). Given a
  /// `width` (a terminal's), it is fitted as the application fits its table: Pipeline, then
  /// Experiment, then Duration are left out, then names are shortened in the middle.
  public static func make(
    runs: [Run], metricNames: [String], parameterNames: [String] = [], showsExperiment: Bool,
    timeZone: TimeZone = .current, width: Int? = nil
  ) -> TextTable {
    let showsPipeline = runs.contains { !($0.pipeline ?? "").isEmpty }
    var shown: Set<Column> = [.name, .status, .duration, .created]
    if showsExperiment { shown.insert(.experiment) }
    if showsPipeline { shown.insert(.pipeline) }
    let names = runs.map { clean($0.name) }
    let suffixes = ShortID.suffixes(names: runs.map(\.name), ids: runs.map(\.id)).map(clean)
    // Metric then parameter cells: columns that are never left out.
    let metricCells = runs.map { run in
      run.runLevelMetrics(named: metricNames).map { $0?.displayText ?? "" }
        + parameterNames.map { text(ParameterColumns.value(of: $0, in: run) ?? "") }
    }
    var nameWidth = maximumTextWidth
    if let width {
      let widths = ColumnWidths(
        runs: runs, names: names, suffixes: suffixes, metricNames: metricNames + parameterNames,
        metricCells: metricCells, timeZone: timeZone)
      for column in [Column.pipeline, .experiment, .duration]
      where widths.total(shown) > width {
        shown.remove(column)
      }
      let excess = widths.total(shown) - width
      if excess > 0 { nameWidth = max(minimumNameWidth, widths.name - excess) }
    }

    var columns: [TextTable.Column] = [
      .init(title: Column.name.title), .init(title: Column.status.title),
    ]
    if shown.contains(.duration) {
      columns.append(.init(title: Column.duration.title, alignRight: true))
    }
    if shown.contains(.experiment) { columns.append(.init(title: Column.experiment.title)) }
    if shown.contains(.pipeline) { columns.append(.init(title: Column.pipeline.title)) }
    columns.append(.init(title: Column.created.title))
    for name in metricNames { columns.append(.init(title: clean(name), alignRight: true)) }
    for name in parameterNames {
      columns.append(
        .init(title: clean(name), alignRight: ParameterColumns.isNumeric(name, in: runs)))
    }

    let rows = runs.indices.map { index in
      let run = runs[index]
      var cells = [
        TextLayout.fitLabel(names[index], suffix: suffixes[index], width: nameWidth),
        run.status?.rawValue ?? "",
      ]
      if shown.contains(.duration) {
        cells.append(run.duration.map { TimeText.duration($0) } ?? "")
      }
      if shown.contains(.experiment) { cells.append(text(run.experiment?.name ?? "")) }
      if shown.contains(.pipeline) { cells.append(text(run.pipeline ?? "")) }
      cells.append(run.createdAt.map { TimeText.local($0, timeZone: timeZone) } ?? "")
      cells += metricCells[index]
      return cells
    }
    return TextTable(columns: columns, rows: rows)
  }

  /// Whether the Experiment column is worth showing: the runs belong to more than one experiment
  /// (a run without an experiment counts as one more).
  public static func showsExperiment(_ runs: [Run]) -> Bool {
    guard let first = runs.first else { return false }
    return runs.contains { $0.experiment?.id != first.experiment?.id }
  }

  /// The natural width of each column, to decide what fits a terminal.
  private struct ColumnWidths {
    var name: Int
    var others: [Column: Int]
    var metrics: Int

    init(
      runs: [Run], names: [String], suffixes: [String], metricNames: [String],
      metricCells: [[String]], timeZone: TimeZone
    ) {
      func widest(_ title: String, _ texts: some Sequence<String>) -> Int {
        texts.reduce(DisplayWidth.of(title)) { max($0, DisplayWidth.of($1)) }
      }
      name = zip(names, suffixes).reduce(DisplayWidth.of(Column.name.title)) {
        max($0, min(maximumTextWidth, DisplayWidth.of($1.0) + DisplayWidth.of($1.1)))
      }
      others = [
        .status: widest(Column.status.title, runs.map { $0.status?.rawValue ?? "" }),
        .duration: widest(
          Column.duration.title, runs.map { $0.duration.map { TimeText.duration($0) } ?? "" }),
        .experiment: widest(
          Column.experiment.title, runs.map { text($0.experiment?.name ?? "") }),
        .pipeline: widest(Column.pipeline.title, runs.map { text($0.pipeline ?? "") }),
        .created: 19,
      ]
      metrics = metricNames.indices.reduce(0) { total, column in
        total + widest(clean(metricNames[column]), metricCells.map { $0[column] }) + 2
      }
    }

    /// The table's width with `shown` columns (two spaces between columns).
    func total(_ shown: Set<Column>) -> Int {
      let text = shown.reduce(0) { $0 + ($1 == .name ? name : others[$1] ?? 0) + 2 }
      return text - 2 + metrics
    }
  }

  private static func clean(_ text: String) -> String { TextSanitizer.clean(text) }

  private static func text(_ text: String) -> String {
    TextLayout.fitMiddle(TextSanitizer.clean(text), width: maximumTextWidth)
  }
}
