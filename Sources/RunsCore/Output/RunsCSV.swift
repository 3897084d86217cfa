/// `kfp-runs list --format csv`: one record per run, metric cells as raw values.
public enum RunsCSV {
  /// The fixed columns before the metric names.
  public static let fixedHeader = [
    "id", "name", "status", "experiment", "pipeline", "created_at", "finished_at",
  ]

  /// The header and one line per run. Text is sanitized (no control characters reach a
  /// terminal that shows the file); times are RFC 3339 UTC; a missing value is an empty field.
  public static func text(runs: [Run], metricNames: [String]) -> String {
    var output = CSVText.line(fixedHeader + metricNames.map(TextSanitizer.clean))
    for run in runs {
      var fields = [
        run.id, run.name, run.status?.rawValue ?? "", run.experiment?.name ?? "",
        run.pipeline ?? "",
      ].map(TextSanitizer.clean)
      fields.append(run.createdAt.map(TimeText.rfc3339UTC) ?? "")
      fields.append(run.finishedAt.map(TimeText.rfc3339UTC) ?? "")
      for metric in run.runLevelMetrics(named: metricNames) {
        fields.append(metric.map { MachineNumber.text($0.value) } ?? "")
      }
      CSVText.append(fields, to: &output)
    }
    return output
  }
}
