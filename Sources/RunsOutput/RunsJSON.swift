import Foundation
import RunsCore

/// `kfp-runs list --format json`: every run with every field and every metric entry.
public enum RunsJSON {
  /// A JSON array of runs. Keys follow the KFP API's snake_case; a missing value is `null`;
  /// times are RFC 3339 UTC; metric values are raw numbers.
  public static func text(runs: [Run]) -> String {
    JSONWriter.text(.array(runs.map(value(of:))))
  }

  /// One run as a JSON object.
  public static func value(of run: Run) -> JSONValue {
    .members([
      ("id", .string(run.id)),
      ("name", .string(run.name)),
      ("status", run.status.map { .string($0.rawValue) } ?? .null),
      ("created_at", time(run.createdAt)),
      ("finished_at", time(run.finishedAt)),
      ("duration_seconds", run.duration.map { .number($0) } ?? .null),
      (
        "experiment",
        run.experiment.map { .members([("id", .string($0.id)), ("name", .string($0.name))]) }
          ?? .null
      ),
      ("pipeline", run.pipeline.map { .string($0) } ?? .null),
      (
        "parameters",
        .array(
          run.parameters.map {
            .members([("name", .string($0.name)), ("value", .string($0.value))])
          }
        )
      ),
      ("metrics", .array(run.metrics.map(value(of:)))),
      ("notes", .array(run.notes.map { .string($0) })),
    ])
  }

  /// One metric entry as a JSON object: `name`, `node_id`, `value`, `format`.
  public static func value(of metric: Metric) -> JSONValue {
    .members([
      ("name", .string(metric.name)),
      ("node_id", .string(metric.nodeID)),
      ("value", valueJSON(metric)),
      ("format", formatJSON(metric)),
    ])
  }

  /// An entry's raw value: a number; for KFP 2.x a bool is `true`/`false` and a text value is
  /// the string the KFP v2 UI shows.
  public static func valueJSON(_ metric: Metric) -> JSONValue {
    switch metric.format {
    case .v2Bool: .bool(metric.value != 0)
    case .v2Text: .string(metric.displayText)
    default: .number(metric.value)
    }
  }

  /// An entry's format name; `null` for KFP 2.x, which has no formats.
  public static func formatJSON(_ metric: Metric) -> JSONValue {
    metric.format.isV2 ? .null : .string(metric.format.rawValue)
  }

  /// An entry's raw value as CSV text: the shortest round-trip number, `true`/`false`, or the
  /// text of a KFP 2.x text value.
  public static func machineText(_ metric: Metric) -> String {
    switch metric.format {
    case .v2Bool, .v2Text: metric.displayText
    default: MachineNumber.text(metric.value)
    }
  }

  private static func time(_ date: Date?) -> JSONValue {
    date.map { .string(TimeText.rfc3339UTC($0)) } ?? .null
  }

}
