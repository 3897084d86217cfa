import ArgumentParser
import Foundation
import RunsCore
import RunsData

/// `kfp-runs check`: validates metrics files, one line per problem.
struct CheckCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract:
      "Validate metrics files (mlpipeline-metrics.json/.tgz, executor_output.json) or a server.",
    discussion: """
      Checks every rule the KFP server applies to a metrics file (names, numbers, formats, \
      duplicates) plus the run.json files of a runs directory. A file is checked as given; a \
      directory is read like a runs directory; a KFP API URL is loaded as `list` loads it \
      (KFP 2.x metrics from ML Metadata included) and what came back is checked. Prints one line per problem \
      (PATH[:entry N]: error|warning: message), then a summary.

      Exit status: 0 when there is no error (warnings allowed), 1 when there is one, 3 when a \
      PATH does not exist.

      Examples:
        kfp-runs check runs/
        kfp-runs check train/mlpipeline-metrics.json
        kfp-runs check --demo
        kfp-runs check http://localhost:8080
      """
  )

  @Flag(help: "Check the demo's metrics files (one has the mistakes people make) instead.")
  var demo = false

  @Argument(
    help: ArgumentHelp(
      "Metrics files, runs directories or KFP API URLs (default: the current directory).",
      valueName: "path"))
  var paths: [String] = []

  @Option(help: "The Kubeflow namespace (profile) on a multi-user server.")
  var namespace: String?

  @Option(help: ArgumentHelp("Which KFP API a server is read through.", valueName: "v1|v2|auto"))
  var api: KFPAPIChoice?

  @Option(
    help: ArgumentHelp("The ML Metadata gRPC-web endpoint of a KFP 2.x server.", valueName: "url"))
  var mlmd: String?

  mutating func validate() throws {
    if demo, !paths.isEmpty { throw ValidationError("--demo takes no PATH") }
    if let mlmd, ServerFlags.mlmdURL(mlmd) == nil {
      throw ValidationError("--mlmd must be an http:// or https:// URL (got \(mlmd))")
    }
  }

  func run() async throws {
    if demo {
      let file = DemoRuns.handWrittenFile
      var report = CheckReport()
      report.add(
        MetricsFileDecoder.decode(file.bytes, path: file.path, nodeID: file.nodeID).problems,
        files: 1)
      try finish(report)
      return
    }
    let paths = self.paths.isEmpty ? ["."] : self.paths
    var kinds: [PathKind] = []
    for path in paths {
      if Self.isServer(path) {
        kinds.append(.directory)  // Not looked at: a server is loaded below.
        continue
      }
      let kind = PathKind.of(path)
      if case .unreachable(let reason) = kind {
        throw CLIFailure.source(
          "\(TextSanitizer.clean(path)): \(reason.prefix(1).lowercased() + reason.dropFirst())")
      }
      kinds.append(kind)
    }
    var report = CheckReport()
    for (path, kind) in zip(paths, kinds) {
      if Self.isServer(path) {
        try await checkServer(path, into: &report)
        continue
      }
      switch kind {
      case .special(let description):
        let message = "is \(description), not a regular file; skipped"
        report.add([Problem(location: path, severity: .error, message: message)], files: 1)
      case .directory:
        var result = DirectorySource(root: path).load()
        var ids = DuplicateRunIDs()
        ids.disambiguate(&result, location: path)
        report.add(result.problems, runs: result.runs.count)
        if result.runs.isEmpty, result.problems.isEmpty {
          Diagnostic.warning(
            "no metrics file or run.json found in \(TextSanitizer.clean(path))")
        }
      case .regularFile, .unreachable:
        report.add(Self.checkFile(path), files: 1)
      }
    }
    try finish(report)
  }

  /// Whether a PATH is a KFP API URL.
  static func isServer(_ path: String) -> Bool {
    let lowered = path.prefix(8).lowercased()
    return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
  }

  /// Loads a server as `list` does and adds what came back; an unreachable server is exit 3.
  private func checkServer(_ url: String, into report: inout CheckReport) async throws {
    let source = try RunSource(
      source: url, demo: false,
      server: ServerFlags(namespace: namespace, api: api, mlmd: mlmd), limit: nil)
    let result = await source.load()
    if let failure = result.sourceFailure {
      throw CLIFailure.source(TextSanitizer.clean(failure.line))
    }
    report.add(result.problems, runs: result.runs.count)
  }

  /// Prints the report; errors found are exit 1.
  private func finish(_ report: CheckReport) throws {
    StandardOutput.write(report.text)
    if report.errors > 0 { throw CLIFailure(message: "", exitCode: CLIFailure.checkCode) }
  }

  /// The problems of one metrics file read directly (`mlpipeline-metrics.tgz` and
  /// `executor_output.json` by their names, anything else as `mlpipeline-metrics.json`).
  static func checkFile(_ path: String) -> [Problem] {
    MetricsFileSource(path: path).load().problems
  }
}
