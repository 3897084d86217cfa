import Foundation
import RunsCore
import RunsData

/// How commands name a source in messages: paths as given, URLs without credentials.
enum SourceText {
  /// The source for messages; never includes a token or password.
  static func describe(_ spec: SourceSpec) -> String {
    switch spec {
    case .directory(let path), .jsonFile(let path): TextSanitizer.clean(path)
    case .demo: "the demo runs"
    case .server(let url): TextSanitizer.clean(KFPServerOptions(baseURL: url).displayBase)
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
}
