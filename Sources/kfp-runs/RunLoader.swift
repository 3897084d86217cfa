import Foundation
import RunsCore
import RunsData
import RunsUI

/// Runs loaded for a command, with what is needed to talk about where they came from.
struct LoadedRuns {
  /// Everything the source produced, scoped to `--experiment`.
  var result: LoadResult
  /// The resolved source.
  var spec: SourceSpec
}

/// Resolves SOURCE and loads it, mapping "could not read it at all" to exit 3.
enum RunLoader {
  /// Loads the runs the options name. Throws `CLIFailure.source` when the source is missing or
  /// yields nothing but errors, and `CLIFailure.usage` for an experiment no run belongs to.
  static func load(_ options: SourceOptions) async throws -> LoadedRuns {
    let environment = ProcessInfo.processInfo.environment
    let spec: SourceSpec
    do {
      spec = try SourceSpec.resolve(options.source, demo: options.demo, environment: environment)
    } catch {
      throw CLIFailure.source("\(error)")
    }
    var result: LoadResult
    switch spec {
    case .directory(let path): result = DirectorySource(root: path).load()
    case .jsonFile(let path): result = JSONFileSource(path: path).load()
    case .demo: result = DemoRuns.load()
    case .server(let url):
      let server = KFPServerSource(options: serverOptions(url, options, environment))
      result = await server.load(onPage: nil)
    }
    try requireReadable(result)
    // A server scopes by experiment itself (it resolves names to ids); other sources here.
    if let experiment = options.experiment, !isServer(spec) {
      result = try scoped(result, to: experiment)
    }
    return LoadedRuns(result: result, spec: spec)
  }

  /// The server options from the flags, with `KFP_TOKEN` / `KFP_COOKIE` as fallbacks.
  static func serverOptions(
    _ url: URL, _ options: SourceOptions, _ environment: [String: String]
  ) -> KFPServerOptions {
    KFPServerOptions(
      baseURL: url, token: options.token ?? environment["KFP_TOKEN"],
      cookie: options.cookie ?? environment["KFP_COOKIE"], namespace: options.namespace,
      experiment: options.experiment, insecure: options.insecure, limit: options.limit)
  }

  private static func isServer(_ spec: SourceSpec) -> Bool {
    if case .server = spec { return true }
    return false
  }

  /// A source that produced no run and at least one error could not be read at all.
  private static func requireReadable(_ result: LoadResult) throws {
    guard result.runs.isEmpty else { return }
    let errors = result.problems.filter { $0.severity == .error }
    guard let first = errors.first else { return }
    let more = errors.count > 1 ? " (and \(errors.count - 1) more problems)" : ""
    throw CLIFailure.source(TextSanitizer.clean(first.line) + more)
  }

  private static func scoped(_ result: LoadResult, to experiment: String) throws -> LoadResult {
    var scoped = result
    scoped.runs = result.runs.filter(Scope.experiment(experiment).contains)
    if scoped.runs.isEmpty, !result.runs.isEmpty {
      var names = Set(result.runs.compactMap { $0.experiment?.name }).sorted()
      names = names.map(TextSanitizer.clean)
      let known = names.isEmpty ? "no run names an experiment" : "experiments: " + names.joined(separator: ", ")
      throw CLIFailure.usage("no run belongs to experiment '\(TextSanitizer.clean(experiment))' (\(known))")
    }
    return scoped
  }
}
