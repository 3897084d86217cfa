import Foundation
import RunsCore

/// Writes the directory layout of SPEC §2.1: one directory per run holding its `run.json`
/// (a KFP v1beta1 `ApiRun`, or a `RunDetail` for every other run) and one
/// `mlpipeline-metrics.json` per step in nested step directories.
enum RunTreeWriter {
  /// What was written.
  struct Written {
    var runs: Int
    var files: Int
    var bytes: Int
  }

  /// Writes `count` runs from `maker` below `root` (created when missing).
  static func write(count: Int, maker: SyntheticRunMaker, to root: String) throws -> Written {
    var files = TreeFiles()
    try files.makeDirectory(root)
    for index in 0..<count {
      let run = maker.make(index)
      let directory = root + "/" + run.directoryName
      try files.makeDirectory(directory)
      try files.save(runJSON(run), to: directory + "/run.json")
      for step in run.steps {
        try files.makeDirectory(directory + "/" + step.nodeID)
        try files.save(
          metricsJSON(step.metrics), to: directory + "/" + step.nodeID + "/mlpipeline-metrics.json")
      }
    }
    return Written(runs: count, files: files.fileCount, bytes: files.byteCount)
  }

  /// An `ApiRun` as `GET /apis/v1beta1/runs/{id}` returns it (a `RunDetail` for odd indices).
  static func runJSON(_ run: SyntheticRun) -> String {
    let parameters = run.parameters.map {
      "{\"name\": \(JSONText.quoted($0.name)), \"value\": \(JSONText.quoted($0.value))}"
    }.joined(separator: ", ")
    let created = TimeText.rfc3339UTC(Date(timeIntervalSince1970: run.createdAt))
    let finished = TimeText.rfc3339UTC(Date(timeIntervalSince1970: run.finishedAt ?? 0))
    let apiRun = """
      {
        "id": "\(run.id)",
        "name": \(JSONText.quoted(run.name)),
        "pipeline_spec": {
          "pipeline_name": \(JSONText.quoted(run.pipeline)),
          "parameters": [\(parameters)]
        },
        "resource_references": [
          {"key": {"type": "EXPERIMENT", "id": "\(run.experiment.id)"},
           "name": \(JSONText.quoted(run.experiment.name)), "relationship": "OWNER"}
        ],
        "service_account": "pipeline-runner",
        "created_at": "\(created)",
        "scheduled_at": "\(created)",
        "finished_at": "\(finished)",
        "status": "\(run.status.rawValue)"
      }
      """
    guard run.index % 2 == 1 else { return apiRun + "\n" }
    return "{\"run\": \(apiRun), \"pipeline_runtime\": {\"workflow_manifest\": \"{}\"}}\n"
  }

  /// A metrics file as a Python step writes it with `json.dump`.
  static func metricsJSON(_ metrics: [Metric]) -> String {
    let entries = metrics.map { metric in
      let format =
        metric.format == .unspecified ? "" : ", \"format\": \"\(metric.format.rawValue)\""
      return
        "{\"name\": \"\(metric.name)\", \"numberValue\": \(MachineNumber.text(metric.value))\(format)}"
    }
    return "{\"metrics\": [" + entries.joined(separator: ", ") + "]}"
  }
}
