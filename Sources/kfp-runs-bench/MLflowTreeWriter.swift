import Foundation
import RunsCore

/// Writes the same runs as an MLflow file store (`mlruns/`): one directory per experiment, one
/// per run with `meta.yaml`, `metrics/NAME` (`timestamp value step`), `params/NAME` and the
/// run-name tag, so `mlflow.search_runs(order_by=...)` can be timed on equivalent data.
enum MLflowTreeWriter {
  static func write(count: Int, maker: SyntheticRunMaker, to root: String) throws
    -> RunTreeWriter.Written
  {
    var files = TreeFiles()
    try files.makeDirectory(root)
    let absolute = URL(fileURLWithPath: root).standardizedFileURL.path
    var experimentIDs: [String: String] = [:]
    for index in 0..<count {
      let synthetic = maker.make(index)
      let run = synthetic.run
      let experimentID: String
      if let known = experimentIDs[synthetic.experiment.id] {
        experimentID = known
      } else {
        experimentID = String(experimentIDs.count + 1)
        experimentIDs[synthetic.experiment.id] = experimentID
        try writeExperiment(
          id: experimentID, name: synthetic.experiment.name, root: absolute, files: &files)
      }
      let runID = run.id.replacingOccurrences(of: "-", with: "")
      let directory = absolute + "/" + experimentID + "/" + runID
      try files.makeDirectory(directory + "/metrics")
      try files.makeDirectory(directory + "/params")
      try files.makeDirectory(directory + "/tags")
      try files.makeDirectory(directory + "/artifacts")
      let start = Int(synthetic.createdAt * 1000)
      let end = synthetic.finishedAt.map { String(Int($0 * 1000)) } ?? "null"
      let status =
        switch synthetic.status {
        case .running: 1
        case .failed, .error: 4
        default: 3
        }
      try files.save(
        """
        artifact_uri: file://\(directory)/artifacts
        end_time: \(end)
        entry_point_name: ''
        experiment_id: '\(experimentID)'
        lifecycle_stage: active
        run_id: \(runID)
        run_name: \(synthetic.name)
        run_uuid: \(runID)
        source_name: ''
        source_type: 4
        source_version: ''
        start_time: \(start)
        status: \(status)
        tags: []
        user_id: bench

        """, to: directory + "/meta.yaml")
      for name in run.metricNames {
        guard let value = run.value(of: name) else { continue }
        try files.save(
          "\(start) \(MachineNumber.text(value)) 0\n", to: directory + "/metrics/" + name)
      }
      for parameter in run.parameters {
        try files.save(parameter.value, to: directory + "/params/" + parameter.name)
      }
      try files.save(synthetic.name, to: directory + "/tags/mlflow.runName")
    }
    return RunTreeWriter.Written(runs: count, files: files.fileCount, bytes: files.byteCount)
  }

  private static func writeExperiment(
    id: String, name: String, root: String, files: inout TreeFiles
  ) throws {
    try files.makeDirectory(root + "/" + id)
    try files.save(
      """
      artifact_location: file://\(root)/\(id)
      creation_time: 1767225600000
      experiment_id: '\(id)'
      last_update_time: 1767225600000
      lifecycle_stage: active
      name: \(name)

      """, to: root + "/" + id + "/meta.yaml")
  }
}
