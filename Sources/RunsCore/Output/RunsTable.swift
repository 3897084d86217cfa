import Foundation

/// The runs table of `kfp-runs list` (plain text and Markdown): the same columns as the
/// application's runs table, each cell sanitized.
public enum RunsTable {
  /// The widest a name, experiment or pipeline cell gets; longer text is cut with `…` (the
  /// machine formats keep it whole).
  public static let maximumTextWidth = 60

  /// The table: Run name, Status, Duration, Experiment (when `showsExperiment`), Pipeline (when
  /// a run has one, as in the application), Start time (local time in `timeZone`), then one
  /// right-aligned column per metric name, then one per parameter name (right-aligned when
  /// every value reads as a number).
  public static func make(
    runs: [Run], metricNames: [String], parameterNames: [String] = [], showsExperiment: Bool,
    timeZone: TimeZone = .current
  ) -> TextTable {
    var columns: [TextTable.Column] = [
      .init(title: Column.name.title), .init(title: Column.status.title),
      .init(title: Column.duration.title, alignRight: true),
    ]
    if showsExperiment { columns.append(.init(title: Column.experiment.title)) }
    let showsPipeline = runs.contains { !($0.pipeline ?? "").isEmpty }
    if showsPipeline { columns.append(.init(title: Column.pipeline.title)) }
    columns.append(.init(title: Column.created.title))
    for name in metricNames { columns.append(.init(title: clean(name), alignRight: true)) }
    for name in parameterNames {
      columns.append(
        .init(title: clean(name), alignRight: ParameterColumns.isNumeric(name, in: runs)))
    }

    let rows = runs.map { run in
      var cells = [
        text(run.name), run.status?.rawValue ?? "",
        run.duration.map { TimeText.duration($0) } ?? "",
      ]
      if showsExperiment { cells.append(text(run.experiment?.name ?? "")) }
      if showsPipeline { cells.append(text(run.pipeline ?? "")) }
      cells.append(run.createdAt.map { TimeText.local($0, timeZone: timeZone) } ?? "")
      for metric in run.runLevelMetrics(named: metricNames) {
        cells.append(metric?.displayText ?? "")
      }
      for name in parameterNames {
        cells.append(text(ParameterColumns.value(of: name, in: run) ?? ""))
      }
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

  private static func clean(_ text: String) -> String { TextSanitizer.clean(text) }

  private static func text(_ text: String) -> String {
    TextLayout.fit(TextSanitizer.clean(text), width: maximumTextWidth)
  }
}
