/// `kfp-runs compare`: one row per metric (in `CompareMatrix` order), one column per run.
public enum CompareOutput {
  /// The table for plain text and Markdown: a Metric label column, then per run its name over the
  /// KFP-formatted value (blank when the run lacks the metric).
  public static func table(_ matrix: CompareMatrix, runs: [Run], rows: [Int]? = nil)
    -> TextTable
  {
    let columns =
      [TextTable.Column(title: "Metric")]
      + runs.map { TextTable.Column(title: TextSanitizer.clean($0.name), alignRight: true) }
    let rows = (rows ?? Array(matrix.metricNames.indices)).map { row in
      [TextSanitizer.clean(matrix.metricNames[row])]
        + runs.indices.map { run in
          matrix.metric(row: row, run: run)?.displayText ?? ""
        }
    }
    return TextTable(columns: columns, rows: rows)
  }

  /// CSV: header `metric,` then the run names; one line per metric with raw values.
  public static func csv(_ matrix: CompareMatrix, runs: [Run], rows: [Int]? = nil) -> String {
    var output = CSVText.line(["metric"] + runs.map { TextSanitizer.clean($0.name) })
    for row in rows ?? Array(matrix.metricNames.indices) {
      let values = runs.indices.map { run in
        matrix.metric(row: row, run: run).map(RunsJSON.machineText) ?? ""
      }
      output += CSVText.line([TextSanitizer.clean(matrix.metricNames[row])] + values)
    }
    return output
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
