import Foundation
import RunsCore
import RunsData

/// A resolved source and how to load it; `Sendable`, so the interactive application can load
/// it in the background (and again on reload).
struct RunSource: Sendable {
  /// What SOURCE resolved to.
  let spec: SourceSpec
  /// Server options (flags plus the KFP SDK's conventions), for a server source.
  let server: KFPServerOptions?
  /// The credentials sent, to redact from everything loaded.
  let redactor: Redactor

  /// Resolves the options' SOURCE; a missing path is exit 3.
  init(_ options: SourceOptions) throws {
    try self.init(
      source: options.source, demo: options.demo, server: options.serverFlags,
      limit: options.limit)
    if server == nil { Self.warnAboutServerOptions(options, spec: spec) }
  }

  /// Resolves SOURCE with the server flags; a missing path is exit 3.
  init(source: String?, demo: Bool, server flags: ServerFlags, limit: Int?) throws {
    let environment = ProcessInfo.processInfo.environment
    do {
      spec = try SourceSpec.resolve(source, demo: demo, environment: environment)
    } catch {
      throw CLIFailure.source(TextSanitizer.clean("\(error)"))
    }
    if case .server(let url) = spec {
      if let file = flags.caCertificate, let problem = CACertificateFile.check(file) {
        throw CLIFailure.usage(TextSanitizer.clean("--ca-cert: \(problem)"))
      }
      var options = KFPServerOptions.resolve(
        baseURL: url, token: flags.token, cookie: flags.cookie,
        namespace: flags.namespace, experiment: flags.experiment,
        insecure: flags.insecure, caCertificateFile: flags.caCertificate, limit: limit,
        environment: environment,
        homeDirectory: FileManager.default.homeDirectoryForCurrentUser.path)
      options.api = flags.api ?? .auto
      options.mlmdURL = flags.mlmd.flatMap(ServerFlags.mlmdURL)
      server = options
      let password = URLComponents(url: url, resolvingAgainstBaseURL: true)?.password
      redactor = Redactor(token: server?.token, cookie: server?.cookie, password: password)
    } else {
      server = nil
      redactor = Redactor(token: nil, cookie: nil)
    }
    ActiveCredentials.activate(redactor)
  }

  /// Options only a server uses are not silently ignored for another source.
  private static func warnAboutServerOptions(_ options: SourceOptions, spec: SourceSpec) {
    let given = options.server.given
    guard !given.isEmpty else { return }
    var kind = "this source"
    if case .directory = spec { kind = "a directory" }
    if case .jsonFile = spec { kind = "a JSON file" }
    if case .demo = spec { kind = "the demo runs" }
    Diagnostic.warning(
      "\(given.joined(separator: ", ")) \(given.count == 1 ? "applies" : "apply") only to a KFP "
        + "server; ignored for \(kind)")
  }

  /// Loads every run; `onBatch` gets each batch as it arrives with the count loaded so far and
  /// the total when the source knows it. Every text is redacted of the credentials sent.
  func load(onBatch: ((LoadResult, _ loaded: Int?, _ total: Int?) -> Void)? = nil) async
    -> LoadResult
  {
    guard !redactor.isEmpty else { return await loadAsIs(onBatch: onBatch) }
    return await loadAsIs(
      onBatch: onBatch.map { report in
        { report($0.redacted(by: redactor), $1, $2) }
      }
    ).redacted(by: redactor)
  }

  private func loadAsIs(onBatch: ((LoadResult, _ loaded: Int?, _ total: Int?) -> Void)?) async
    -> LoadResult
  {
    switch spec {
    case .directory(let path):
      // Batches and the whole result each keep every run of a repeated id; the whole result,
      // which the application takes last, gives each the same id as its batch did.
      var batchIDs = DuplicateRunIDs()
      // Progress counts first-level directories read, which is how the tree is walked. A
      // cancelled load (a reload superseding it) stops at the next run folder.
      let cancelled = CancellationFlag()
      var result = await cancelled.whileCancellable {
        DirectorySource(root: path).load(
          onProgress: onBatch.map { report in
            { batch, read, total in
              var batch = batch
              batchIDs.disambiguate(&batch, location: path)
              report(batch, read, total)
            }
          }, isCancelled: { cancelled.isSet })
      }
      var resultIDs = DuplicateRunIDs()
      resultIDs.disambiguate(&result, location: path)
      return result
    case .jsonFile(let path):
      var result = JSONFileSource(path: path).load()
      var ids = DuplicateRunIDs()
      ids.disambiguate(&result, location: path)
      onBatch?(result, nil, nil)
      return result
    case .demo:
      let result = DemoRuns.load()
      onBatch?(result, nil, nil)
      return result
    case .server(let url):
      let source = KFPServerSource(options: server ?? KFPServerOptions(baseURL: url))
      return await source.load(onPage: onBatch.map { report in { report($0, $1, $2) } })
    }
  }

  /// Whether the source scopes runs to `--experiment` itself (a server resolves the name).
  var scopesExperiment: Bool { server != nil }
}

/// Runs loaded for a non-interactive command.
struct LoadedRuns {
  /// Everything the source produced, scoped to `--experiment`.
  var result: LoadResult
  /// Where they came from.
  var source: RunSource
}

/// Loads a source for `list` and `compare`, mapping "could not read it at all" to exit 3.
enum RunLoader {
  /// Resolves and loads the options' source, then scopes it to `--experiment`. Throws exit 3
  /// when the source cannot be read at all, and a usage error for an experiment no run
  /// belongs to.
  static func load(_ options: SourceOptions) async throws -> LoadedRuns {
    let source = try RunSource(options)
    var result = await source.load()
    try requireReadable(result)
    if let experiment = options.experiment, !source.scopesExperiment {
      result = try scoped(result, to: experiment)
    }
    return LoadedRuns(result: result, source: source)
  }

  /// A source that failed outright (missing, unreadable, server unreachable or refusing the
  /// credentials) is exit 3.
  private static func requireReadable(_ result: LoadResult) throws {
    if let failure = result.sourceFailure {
      let place = failure.entry.map { "\(failure.location):entry \($0)" } ?? failure.location
      throw CLIFailure.source(TextSanitizer.clean("\(place): \(failure.message)"))
    }
  }

  private static func scoped(_ result: LoadResult, to experiment: String) throws -> LoadResult {
    var scoped = result
    scoped.runs = result.runs.filter(Scope.experiment(experiment).contains)
    if scoped.runs.isEmpty, !result.runs.isEmpty {
      let names = Set(result.runs.compactMap { $0.experiment?.name }).sorted()
        .map(TextSanitizer.clean)
      let known =
        names.isEmpty
        ? "no run names an experiment" : "experiments: " + names.joined(separator: ", ")
      throw CLIFailure.usage(
        "no run belongs to experiment '\(TextSanitizer.clean(experiment))' (\(known))")
    }
    return scoped
  }
}
