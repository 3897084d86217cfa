import Foundation
import Testing

/// A temporary folder of runs the golden tests point the binary at; removed when done.
///
/// `runs/` holds five runs: two of experiment `mnist` (one `RunDetail` with a nested step, one
/// bare `ApiRun`), two of `fashion` (one still running with a wide-character name, one whose
/// name carries an escape sequence, a pipe, a comma and quotes), and `raw-run` without a
/// `run.json`, whose metrics file has a bad entry and a name off the documented pattern.
/// `clean/` holds two valid runs; `saved.json` is a saved `ListRunsResponse`; `empty/` is empty.
final class Fixture {
  /// The fixture's root folder (symlinks resolved, so printed paths match it).
  let root: URL

  init() throws {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("kfp-runs-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    root = base.resolvingSymlinksInPath()
    try writeRuns()
    try writeClean()
    try write("saved.json", Self.savedResponse)
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: root)
  }

  /// Further text to mask in outputs (a test server's address), with what shows instead.
  var masks: [(text: String, shown: String)] = []

  /// Replaces the fixture's path with `$FIXTURE` (and each of `masks`), so outputs compare
  /// across machines and runs.
  func mask(_ text: String) -> String {
    var masked = text.replacingOccurrences(of: root.path, with: "$FIXTURE")
    for (text, shown) in masks { masked = masked.replacingOccurrences(of: text, with: shown) }
    return masked
  }

  private func writeRuns() throws {
    try write("runs/run-a/run.json", Self.runDetail)
    try write(
      "runs/run-a/mlpipeline-metrics.json",
      metrics([("accuracy-score", "0.9134", "PERCENTAGE"), ("loss", "0.2871", "RAW")]))
    try write(
      "runs/run-a/evaluate/mlpipeline-metrics.json",
      metrics([("f1", "0.88", nil), ("roc-auc", "0.9551", "RAW")]))
    try write(
      "runs/run-b/run.json",
      apiRun(
        id: "5d3e8b52-0000-4000-8000-00000000000b", name: "lr-0.01", status: "Failed",
        created: "2026-01-03T10:00:00Z", finished: "2026-01-03T10:02:30Z",
        experiment: ("exp-mnist", "mnist"), pipeline: "mnist-train"))
    try write(
      "runs/run-b/train/mlpipeline-metrics.json",
      metrics([("accuracy-score", "0.54", "PERCENTAGE"), ("loss", "1.5", "RAW")]))
    try write(
      "runs/run-c/run.json",
      apiRun(
        id: "5d3e8b52-0000-4000-8000-00000000000c", name: "wide 日本語 run", status: "Running",
        created: "2026-01-05T08:00:00Z", finished: "1970-01-01T00:00:00Z",
        experiment: ("exp-fashion", "fashion"), pipeline: "fashion-train"))
    try write(
      "runs/run-c/mlpipeline-metrics.json",
      metrics([("accuracy-score", "0.95675", "PERCENTAGE"), ("f1", "0.9", nil)]))
    try write(
      "runs/evil/run.json",
      apiRun(
        id: "5d3e8b52-0000-4000-8000-0000000000ee", name: #"evil\u001b[2J|name, \"quoted\""#,
        status: "Succeeded", created: "2026-01-04T12:00:00Z", finished: "2026-01-04T12:00:09Z",
        experiment: ("exp-fashion", "fashion"), pipeline: nil))
    try write(
      "runs/evil/mlpipeline-metrics.json",
      metrics([("accuracy-score", "0.001005", "PERCENTAGE"), ("loss", "-0.0001", "RAW")]))
    try write(
      "runs/raw-run/mlpipeline-metrics.json",
      """
      {"metrics": [
        {"name": "loss", "numberValue": 0.0625, "format": "RAW"},
        {"name": "accuracy-score", "numberValue": NaN, "format": "PERCENTAGE"},
        {"name": "Accuracy", "numberValue": 0.3125}
      ]}
      """)
    // Without run.json the start time is the file's modification time: pin it.
    try setModified("runs/raw-run/mlpipeline-metrics.json", "2026-01-01T00:00:00Z")
  }

  private func writeClean() throws {
    try write("clean/one/mlpipeline-metrics.json", metrics([("accuracy", "0.5", "PERCENTAGE")]))
    try write("clean/two/step/mlpipeline-metrics.json", metrics([("accuracy", "0.75", nil)]))
    try setModified("clean/one/mlpipeline-metrics.json", "2026-02-01T00:00:00Z")
    try setModified("clean/two/step/mlpipeline-metrics.json", "2026-02-02T00:00:00Z")
  }

  private func write(_ path: String, _ text: String) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  private func setModified(_ path: String, _ rfc3339: String) throws {
    let date = try #require(ISO8601DateFormatter().date(from: rfc3339))
    try FileManager.default.setAttributes(
      [.modificationDate: date], ofItemAtPath: root.appendingPathComponent(path).path)
  }

  private func metrics(_ entries: [(String, String, String?)]) -> String {
    let items = entries.map { name, value, format in
      let formatText = format.map { #", "format": "\#($0)""# } ?? ""
      return #"{"name": "\#(name)", "numberValue": \#(value)\#(formatText)}"#
    }
    return #"{"metrics": ["# + items.joined(separator: ", ") + "]}\n"
  }

  private func apiRun(
    id: String, name: String, status: String, created: String, finished: String,
    experiment: (id: String, name: String), pipeline: String?
  ) -> String {
    let pipelineSpec = pipeline.map { #", "pipeline_spec": {"pipeline_name": "\#($0)"}"# } ?? ""
    return """
      {"id": "\(id)", "name": "\(name)", "status": "\(status)",
       "created_at": "\(created)", "finished_at": "\(finished)"\(pipelineSpec),
       "resource_references": [{"key": {"type": "EXPERIMENT", "id": "\(experiment.id)"},
         "name": "\(experiment.name)", "relationship": "OWNER"}]}

      """
  }

  private static let runDetail = """
    {"run": {"id": "5d3e8b52-0000-4000-8000-00000000000a", "name": "baseline",
      "status": "Succeeded", "created_at": "2026-01-02T03:04:05Z",
      "finished_at": "2026-01-02T03:34:15Z",
      "pipeline_spec": {"pipeline_name": "mnist-train",
        "parameters": [{"name": "lr", "value": "0.1"}, {"name": "epochs", "value": "10"}]},
      "resource_references": [{"key": {"type": "EXPERIMENT", "id": "exp-mnist"},
        "name": "mnist", "relationship": "OWNER"}]},
     "pipeline_runtime": {"workflow_manifest": "{}"}}

    """

  private static let savedResponse = """
    {"runs": [
      {"id": "saved-1", "name": "saved one", "status": "Succeeded",
       "created_at": "2026-03-01T00:00:00Z", "finished_at": "2026-03-01T01:00:00Z",
       "metrics": [{"name": "accuracy", "node_id": "train-123", "number_value": 0.8,
                    "format": "PERCENTAGE"},
                   {"name": "loss", "node_id": "train-123", "number_value": 0.4}]},
      {"id": "saved-2", "name": "saved two", "status": "Error",
       "created_at": "2026-03-02T00:00:00Z",
       "metrics": [{"name": "accuracy", "node_id": "train-456", "number_value": 0.7,
                    "format": "PERCENTAGE"}]}
    ], "total_size": 2}

    """
}
