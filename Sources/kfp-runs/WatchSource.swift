import Foundation
import RunsCore
import RunsData

/// The watch for a resolved source: a directory or a server (a saved file or the demo does not
/// change).
enum WatchSource {
  /// The default seconds between scans of a directory without notifications.
  static let directoryInterval: TimeInterval = 2
  /// The default seconds between polls of a server.
  static let serverInterval: TimeInterval = 10

  /// A watch for `source`; a usage error for a source that cannot change.
  static func make(_ source: RunSource, interval: TimeInterval?) throws -> any RunsWatch {
    let watch = try unredacted(source, interval: interval)
    return source.redactor.isEmpty ? watch : RedactedWatch(watch, redactor: source.redactor)
  }

  private static func unredacted(_ source: RunSource, interval: TimeInterval?) throws
    -> any RunsWatch
  {
    switch source.spec {
    case .directory(let path):
      return DirectoryWatch(root: path, interval: interval ?? directoryInterval)
    case .server(let url):
      return ServerWatch(
        source: KFPServerSource(options: source.server ?? KFPServerOptions(baseURL: url)),
        interval: interval ?? serverInterval)
    case .jsonFile, .demo:
      throw CLIFailure.usage(
        "only a directory or a server can be watched; a saved file or the demo does not change")
    }
  }
}

extension RunsWatch {
  /// How the watch notices changes, for the start line.
  var method: String {
    if let redacted = self as? RedactedWatch { return redacted.inner.method }
    if let directory = self as? DirectoryWatch {
      let every =
        directory.interval == directory.interval.rounded()
        ? String(Int(directory.interval)) : String(directory.interval)
      return directory.usesNotifications ? "file notifications" : "a scan every \(every) s"
    }
    if let server = self as? ServerWatch {
      let every =
        server.interval == server.interval.rounded()
        ? String(Int(server.interval)) : String(server.interval)
      switch server.apiVersion {
      case .v2: return "polled every \(every) s: v2beta1 and ML Metadata"
      case .v1: return "polled every \(every) s: v1beta1"
      case nil: return "polled every \(every) s"
      }
    }
    return "watching"
  }
}

/// A watch whose runs, changes and problems have the credentials sent taken out, as a load's
/// are: a server or proxy may reflect them into a run's name or a message.
final class RedactedWatch: RunsWatch {
  let inner: any RunsWatch
  let redactor: Redactor

  init(_ inner: any RunsWatch, redactor: Redactor) {
    self.inner = inner
    self.redactor = redactor
  }

  func start() async -> LoadResult {
    await inner.start().redacted(by: redactor)
  }

  func next() async -> RunsUpdate {
    var update = await inner.next()
    let text = redactor.redacting
    let result = LoadResult(runs: update.replaced, problems: update.problems ?? [])
      .redacted(by: redactor)
    update.replaced = result.runs
    if update.problems != nil { update.problems = result.problems }
    update.removed = update.removed.map(text)
    update.notice = update.notice.map(text)
    update.changes = update.changes.map { change in
      var kind = change.kind
      if case .metric(let name, let old, let new, let format) = kind {
        kind = .metric(name: text(name), old: old, new: new, format: format)
      }
      return RunChange(runID: text(change.runID), runName: text(change.runName), kind: kind)
    }
    return update
  }
}
