import Foundation
import RunsCore

/// `kfp-runs compare`: one column per run; rows as the compare view shows them.
public enum CompareOutput {
  /// The table for plain text and Markdown: under each run's name (with its short id where
  /// names repeat) the overview (status, duration, start time, experiment when a run has one),
  /// the metrics (`rows` of `CompareMatrix`, all when `nil`) formatted as the KFP UI does, then
  /// each parameter as `param:NAME`. Blank where a run lacks the value.
  public static func table(
    _ matrix: CompareMatrix, runs: [Run], rows metricRows: [Int]? = nil,
    timeZone: TimeZone = .current
  ) -> TextTable {
    let columns =
      [TextTable.Column(title: "Run")]
      + headers(runs).map { TextTable.Column(title: $0, alignRight: true) }
    var rows: [[String]] = [
      ["Status"] + runs.map { $0.status?.rawValue ?? "" },
      ["Duration"] + runs.map { run in run.duration.map { TimeText.duration($0) } ?? "" },
      ["Start time"]
        + runs.map { run in run.createdAt.map { TimeText.local($0, timeZone: timeZone) } ?? "" },
    ]
    if runs.contains(where: { $0.experiment != nil }) {
      rows.append(["Experiment"] + runs.map { TextSanitizer.clean($0.experiment?.name ?? "") })
    }
    rows += (metricRows ?? Array(matrix.metricNames.indices)).map { row in
      [TextSanitizer.clean(matrix.metricNames[row])]
        + runs.indices.map { run in
          matrix.metric(row: row, run: run)?.displayText ?? ""
        }
    }
    rows += parameterRows(matrix, runs: runs)
    return TextTable(columns: columns, rows: rows)
  }

  /// CSV: header `metric,` then the run names (with short ids where names repeat); one line
  /// per metric (`rows`, all when `nil`) with raw values, then one per parameter as `param:NAME`.
  public static func csv(_ matrix: CompareMatrix, runs: [Run], rows: [Int]? = nil) -> String {
    var output = CSVText.line(["metric"] + headers(runs))
    for row in rows ?? Array(matrix.metricNames.indices) {
      let values = runs.indices.map { run in
        matrix.metric(row: row, run: run).map(RunsJSON.machineText) ?? ""
      }
      output += CSVText.line([TextSanitizer.clean(matrix.metricNames[row])] + values)
    }
    for row in parameterRows(matrix, runs: runs) { output += CSVText.line(row) }
    return output
  }

  /// The column titles: each run's name, and its short id where another compared run has the
  /// same name (two identical headers would say nothing).
  static func headers(_ runs: [Run]) -> [String] {
    ShortID.labels(names: runs.map(\.name), ids: runs.map(\.id)).map(TextSanitizer.clean)
  }

  /// One row per parameter: `param:NAME`, then each run's value.
  private static func parameterRows(_ matrix: CompareMatrix, runs: [Run]) -> [[String]] {
    matrix.parameterNames.indices.map { row in
      ["param:" + TextSanitizer.clean(matrix.parameterNames[row])]
        + runs.indices.map { TextSanitizer.clean(matrix.parameter(row: row, run: $0) ?? "") }
    }
  }

  /// JSON: an array with one object per metric — its name and, per run in order, the run's id,
  /// name, and raw value and format (`null` when the run lacks the metric).
  public static func json(_ matrix: CompareMatrix, runs: [Run], rows: [Int]? = nil) -> String {
    let metrics = (rows ?? Array(matrix.metricNames.indices)).map { row -> JSONValue in
      let values = runs.indices.map { run -> JSONValue in
        let metric = matrix.metric(row: row, run: run)
        return .members([
          ("run_id", .string(runs[run].id)),
          ("run_name", .string(runs[run].name)),
          ("value", metric.map(RunsJSON.valueJSON) ?? .null),
          ("format", metric.map(RunsJSON.formatJSON) ?? .null),
        ])
      }
      return .members([("metric", .string(matrix.metricNames[row])), ("values", .array(values))])
    }
    return JSONWriter.text(.array(metrics))
  }
}
