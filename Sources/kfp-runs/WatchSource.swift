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
      return "polled every \(every) s"
    }
    return "watching"
  }
}
