import Foundation
import RunsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One metrics file given on its own (`mlpipeline-metrics.json`, `mlpipeline-metrics.tgz`,
/// `executor_output.json`): one run, named after the folder the file sits in.
public struct MetricsFileSource: Sendable {
  /// The file, as the user wrote it.
  public let path: String
  private let kind: MetricsFileKind

  /// A source for the file `path`: read by its name's kind, and as `mlpipeline-metrics.json`
  /// when the name is none of them (`kfp-runs check train.json`).
  public init(path: String) {
    self.path = path
    let name = path.split(separator: "/").last.map(String.init) ?? path
    kind = MetricsFileKind(fileName: name) ?? .json
  }

  /// A source for the file `path`, read as `kind` whatever its name.
  init(path: String, kind: MetricsFileKind) {
    self.path = path
    self.kind = kind
  }

  /// Whether `path` names one of the metrics files a directory source reads.
  public static func isMetricsFile(_ path: String) -> Bool {
    MetricsFileKind(fileName: path.split(separator: "/").last.map(String.init) ?? path) != nil
  }

  /// The file's one run, and its problems; the file unreadable → a source failure.
  public func load() -> LoadResult {
    let limit = MetricsFileDecoder.maximumFileSize
    let bytes: [UInt8]
    let modified: Double
    let outcome = BoundedFile.read(path, limit: limit)
    switch outcome {
    case .contents(let contents, let time): (bytes, modified) = (contents, time)
    case .tooLarge(let size):
      let problem = MetricsFileDecoder.tooLargeProblem(path: path, size: size)
      return LoadResult(problems: [problem], sourceFailure: problem)
    case .notRegular, .failed:
      let reason = outcome.reason(limit: limit) ?? ""
      let message = reason.hasPrefix("is ") ? reason + "; skipped" : reason
      let problem = Problem(location: path, severity: .error, message: message)
      return LoadResult(problems: [problem], sourceFailure: problem)
    }
    let folder = Self.folderName(of: path)
    let decoded = kind.decode(bytes, path: path, node: kind == .executorOutput ? folder : ".")
    // Nothing usable and an error: the source could not be read at all (exit 3), rather than
    // a run with nothing in it.
    if decoded.metrics.isEmpty, decoded.notes.isEmpty,
      let error = decoded.problems.first(where: { $0.severity == .error })
    {
      return LoadResult(problems: decoded.problems, sourceFailure: error)
    }
    let run = Run(
      id: folder, name: folder, createdAt: Date(timeIntervalSince1970: modified),
      metrics: decoded.metrics, notes: decoded.notes)
    return LoadResult.collecting(runs: [run], problems: decoded.problems)
  }

  /// The name of the folder holding `path` (its real path's, so `./x.json` names a folder).
  static func folderName(of path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    let parts = String(cString: resolved).split(separator: "/")
    return parts.count >= 2 ? String(parts[parts.count - 2]) : "/"
  }
}
