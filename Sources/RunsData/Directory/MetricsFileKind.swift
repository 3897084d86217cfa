import RunsCore

/// The files a directory source reads metrics from, recognised by name.
enum MetricsFileKind: Sendable {
  /// KFP 1.x `mlpipeline-metrics.json`.
  case json
  /// KFP 1.x `mlpipeline-metrics.tgz`: the same file, gzip'd and tarred, from the artifact store.
  case archive
  /// KFP 2.x `kfp.local` `executor_output.json`.
  case executorOutput

  /// The kind of a file named `name`; `nil` for every other file.
  init?(fileName name: String) {
    switch name {
    case RunDirectoryReader.metricsFileName: self = .json
    case MetricsArchive.fileName: self = .archive
    case ExecutorOutputDecoder.fileName: self = .executorOutput
    default: return nil
    }
  }

  /// What one file of this kind yielded.
  struct Decoded {
    var metrics: [Metric] = []
    var problems: [Problem] = []
    var notes: [String] = []
  }

  /// Decodes a file's bytes. `node` is the KFP 1.x node id; for `kfp.local` it is the task.
  func decode(_ bytes: [UInt8], path: String, node: String) -> Decoded {
    switch self {
    case .json:
      let result = MetricsFileDecoder.decode(bytes, path: path, nodeID: node)
      return Decoded(metrics: result.metrics, problems: result.problems)
    case .archive:
      switch MetricsArchive.metricsFile(from: bytes) {
      case .success(let file):
        let result = MetricsFileDecoder.decode(file, path: path, nodeID: node)
        return Decoded(metrics: result.metrics, problems: result.problems)
      case .failure(let failure):
        return Decoded(problems: [
          Problem(location: path, severity: .error, message: failure.message)
        ])
      }
    case .executorOutput:
      let result = ExecutorOutputDecoder.decode(bytes, path: path, task: node)
      return Decoded(metrics: result.metrics, problems: result.problems, notes: result.notes)
    }
  }
}
