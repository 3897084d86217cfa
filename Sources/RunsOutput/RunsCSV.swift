import Foundation
import RunsCore

/// `kfp-runs list --format csv`: one record per run, metric cells as raw values.
public enum RunsCSV {
  /// The fixed columns before the metric names.
  public static let fixedHeader = [
    "id", "name", "status", "experiment", "pipeline", "created_at", "finished_at",
  ]

  /// Rows built together by one core when writing in chunks: large enough that handing chunks
  /// out costs nothing next to building them, small enough that a few chunks in memory at once
  /// are a small fraction of the whole text.
  public static let rowsPerChunk = 128

  /// The header and one line per run. Text is sanitized (no control characters reach a
  /// terminal that shows the file); times are RFC 3339 UTC; a missing value is an empty field.
  /// Parameter columns follow the metrics, headed `param:NAME`, with the values as text.
  public static func text(runs: [Run], metricNames: [String], parameterNames: [String] = [])
    -> String
  {
    var bytes = header(metricNames: metricNames, parameterNames: parameterNames)
    appendRows(runs[...], metricNames: metricNames, parameterNames: parameterNames, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The same UTF-8 bytes as ``text(runs:metricNames:)``, handed to `write` piece by piece in
  /// order: the header, then chunks of `rowsPerChunk` rows. A few chunks at a time are built on
  /// every core, so the whole text is never in memory and the rows take a fraction of the time.
  public static func write(
    runs: [Run], metricNames: [String], parameterNames: [String] = [],
    rowsPerChunk: Int = rowsPerChunk, to write: ([UInt8]) throws -> Void
  ) rethrows {
    try write(header(metricNames: metricNames, parameterNames: parameterNames))
    let chunkRows = max(1, rowsPerChunk)
    let chunkCount = (runs.count + chunkRows - 1) / chunkRows
    // Two chunks per core keep both busy while bounding what is held before it is written.
    let window = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)
    var first = 0
    while first < chunkCount {
      let windowStart = first
      let chunks = ConcurrentMap.values(count: min(window, chunkCount - first)) { offset in
        let start = (windowStart + offset) * chunkRows
        var bytes: [UInt8] = []
        appendRows(
          runs[start..<min(start + chunkRows, runs.count)], metricNames: metricNames,
          parameterNames: parameterNames, to: &bytes)
        return bytes
      }
      for chunk in chunks { try write(chunk) }
      first += chunks.count
    }
  }

  private static func header(metricNames: [String], parameterNames: [String]) -> [UInt8] {
    var bytes: [UInt8] = []
    CSVText.append(
      record: fixedHeader + metricNames.map(TextSanitizer.clean)
        + parameterNames.map { "param:" + TextSanitizer.clean($0) }, to: &bytes)
    return bytes
  }

  private static func appendRows(
    _ runs: ArraySlice<Run>, metricNames: [String], parameterNames: [String],
    to bytes: inout [UInt8]
  ) {
    for run in runs {
      let texts = [
        run.id, run.name, run.status?.rawValue ?? "", run.experiment?.name ?? "",
        run.pipeline ?? "",
      ]
      for text in texts {
        CSVText.append(field: TextSanitizer.clean(text), to: &bytes)
        bytes.append(comma)
      }
      CSVText.append(field: run.createdAt.map(TimeText.rfc3339UTC) ?? "", to: &bytes)
      bytes.append(comma)
      CSVText.append(field: run.finishedAt.map(TimeText.rfc3339UTC) ?? "", to: &bytes)
      for metric in run.runLevelMetrics(named: metricNames) {
        bytes.append(comma)
        CSVText.append(field: metric.map(RunsJSON.machineText) ?? "", to: &bytes)
      }
      for name in parameterNames {
        bytes.append(comma)
        let value = ParameterColumns.value(of: name, in: run) ?? ""
        CSVText.append(field: TextSanitizer.clean(value), to: &bytes)
      }
      bytes.append(newline)
    }
  }

  private static let comma = UInt8(ascii: ",")
  private static let newline = UInt8(ascii: "\n")
}
