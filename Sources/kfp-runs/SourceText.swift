import Foundation
import RunsCore
import RunsData

/// How commands name a source in messages: paths as given, URLs without credentials.
enum SourceText {
  /// The source for messages; never includes a token, password or query.
  static func describe(_ spec: SourceSpec) -> String {
    switch spec {
    case .directory(let path), .jsonFile(let path): TextSanitizer.clean(path)
    case .demo: "the demo runs"
    case .server(let url): TextSanitizer.clean(redacted(url))
    }
  }

  /// What to say when the source holds no runs.
  static func emptyMessage(_ spec: SourceSpec) -> String {
    switch spec {
    case .directory(let path):
      "No runs found in \(TextSanitizer.clean(path)): a run is a folder holding an "
        + "mlpipeline-metrics.json — see `kfp-runs --help`"
    case .jsonFile, .demo, .server: "No runs found in \(describe(spec))"
    }
  }

  /// `scheme://host[:port]/path`: no user, password, query or fragment.
  static func redacted(_ url: URL) -> String {
    guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
      return "the server"
    }
    parts.user = nil
    parts.password = nil
    parts.query = nil
    parts.fragment = nil
    return parts.string ?? "the server"
  }
}
