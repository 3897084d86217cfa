import Foundation
import RunsCore

/// The kind of file a view is written to, chosen by the name's extension.
public enum ExportFormat: Sendable, Hashable {
  case csv
  case markdown
  case json

  /// `.md` / `.markdown` is Markdown, `.json` JSON, anything else CSV.
  public init(path: String) {
    let name = path.lowercased()
    if name.hasSuffix(".md") || name.hasSuffix(".markdown") {
      self = .markdown
    } else if name.hasSuffix(".json") {
      self = .json
    } else {
      self = .csv
    }
  }
}

/// The runs table as the application shows it, written to a file: its columns in order and
/// every row of the view (not only those on screen). Markdown holds the text the table shows;
/// CSV and JSON hold raw values (RFC 3339 UTC times, seconds, shortest round-trip numbers)
/// and start with the run id, which tells runs of the same name apart.
public enum TableExport {
  /// The file's text.
  public static func text(
    runs: [Run], columns: [Column], format: ExportFormat, timeZone: TimeZone
  ) -> String {
    let metricNames = columns.compactMap { if case .metric(let name) = $0 { name } else { nil } }
    switch format {
    case .markdown:
      let header = columns.map {
        TextTable.Column(title: TextSanitizer.clean($0.title), alignRight: isNumeric($0))
      }
      let rows = runs.map { run in
        let metrics = metricsByName(run, metricNames)
        return columns.map { shownText($0, run, metrics, timeZone) }
      }
      return TextTable(columns: header, rows: rows).markdown()
    case .csv:
      var bytes: [UInt8] = []
      CSVText.append(record: ["id"] + columns.map(machineName), to: &bytes)
      for run in runs {
        let metrics = metricsByName(run, metricNames)
        let fields = [run.id] + columns.map { machineValue($0, run, metrics).text }
        CSVText.append(record: fields.map(TextSanitizer.clean), to: &bytes)
      }
      return String(decoding: bytes, as: UTF8.self)
    case .json:
      let objects = runs.map { run -> JSONValue in
        let metrics = metricsByName(run, metricNames)
        var members: [(String, JSONValue)] = [("id", .string(run.id))]
        var metricMembers: [(String, JSONValue)] = []
        for column in columns {
          let value = machineValue(column, run, metrics).json
          if case .metric(let name) = column {
            metricMembers.append((name, value))
          } else {
            members.append((machineName(column), value))
          }
        }
        if !metricNames.isEmpty { members.append(("metrics", .members(metricMembers))) }
        return .members(members)
      }
      return JSONWriter.text(.array(objects))
    }
  }

  /// The column's name in CSV and JSON (as `kfp-runs list` names the fields).
  public static func machineName(_ column: Column) -> String {
    switch column {
    case .name: "name"
    case .status: "status"
    case .duration: "duration_seconds"
    case .experiment: "experiment"
    case .pipeline: "pipeline"
    case .created: "created_at"
    case .metric(let name): TextSanitizer.clean(name)
    case .parameter(let name): "param:" + TextSanitizer.clean(name)
    }
  }

  private static func isNumeric(_ column: Column) -> Bool {
    switch column {
    case .duration, .metric: true
    default: false
    }
  }

  private static func metricsByName(_ run: Run, _ names: [String]) -> [String: Metric] {
    var byName: [String: Metric] = [:]
    for (name, metric) in zip(names, run.runLevelMetrics(named: names)) {
      if let metric { byName[name] = metric }
    }
    return byName
  }

  /// The cell as the table shows it.
  private static func shownText(
    _ column: Column, _ run: Run, _ metrics: [String: Metric], _ timeZone: TimeZone
  ) -> String {
    switch column {
    case .name: TextSanitizer.clean(run.name)
    case .status: run.status?.rawValue ?? ""
    case .duration: run.duration.map { TimeText.duration($0) } ?? ""
    case .experiment: TextSanitizer.clean(run.experiment?.name ?? "")
    case .pipeline: TextSanitizer.clean(run.pipeline ?? "")
    case .created: run.createdAt.map { TimeText.local($0, timeZone: timeZone) } ?? ""
    case .metric(let name): metrics[name]?.displayText ?? ""
    case .parameter(let name): TextSanitizer.clean(ParameterColumns.value(of: name, in: run) ?? "")
    }
  }

  /// The cell's raw value, as CSV text and as JSON.
  private static func machineValue(_ column: Column, _ run: Run, _ metrics: [String: Metric])
    -> (text: String, json: JSONValue)
  {
    func string(_ text: String?) -> (String, JSONValue) {
      (text ?? "", text.map { .string($0) } ?? .null)
    }
    func number(_ value: Double?) -> (String, JSONValue) {
      (value.map(MachineNumber.text) ?? "", value.map { .number($0) } ?? .null)
    }
    switch column {
    case .name: return string(run.name)
    case .status: return string(run.status?.rawValue)
    case .duration: return number(run.duration)
    case .experiment: return string(run.experiment?.name)
    case .pipeline: return string(run.pipeline)
    case .created: return string(run.createdAt.map(TimeText.rfc3339UTC))
    case .parameter(let name): return string(ParameterColumns.value(of: name, in: run))
    case .metric(let name):
      return (
        metrics[name].map(RunsJSON.machineText) ?? "",
        metrics[name].map(RunsJSON.valueJSON) ?? .null
      )
    }
  }
}

/// The compare view written to a file: one row per metric row the view shows, then the
/// parameters, one column per compared run, as `kfp-runs compare` prints them.
public enum CompareExport {
  /// The file's text; `rows` are the metric rows shown (all when `nil`).
  public static func text(_ matrix: CompareMatrix, rows: [Int]?, format: ExportFormat) -> String {
    switch format {
    case .markdown: CompareOutput.table(matrix, runs: matrix.runs, rows: rows).markdown()
    case .csv: CompareOutput.csv(matrix, runs: matrix.runs, rows: rows)
    case .json: CompareOutput.json(matrix, runs: matrix.runs, rows: rows)
    }
  }
}
