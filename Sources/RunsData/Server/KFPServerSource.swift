import Foundation
import RunsCore

/// Runs from a KFP API server (v1beta1): pages of `GET {base}/apis/v1beta1/runs`, newest first.
public struct KFPServerSource: Sendable {
  /// Where the server is, credentials and scope.
  public let options: KFPServerOptions
  let client: KFPServerClient
  /// Where KFP 2.x runs' metrics come from; `nil`: the v2 runs show without metrics.
  let metricsReader: (any RunMetricsReader)?

  /// Creates a source that talks through the shared HTTP client, trusting as the options say,
  /// with KFP 2.x runs' metrics from ML Metadata over gRPC-web (`--mlmd`, else the base URL's
  /// origin) through the same client.
  public init(options: KFPServerOptions) {
    let transport = HTTPClientTransport(
      caCertificateFile: options.caCertificateFile, insecure: options.insecure)
    let mlmd = MLMDClient(
      endpoint: Self.mlmdEndpoint(options), transport: transport,
      headers: Self.mlmdHeaders(options), retry: options.retry, sleep: Self.realSleep)
    self.init(options: options, transport: transport, metricsReader: mlmd)
  }

  /// Creates a source over any transport; `sleep` waits between retries (tests record it).
  public init(
    options: KFPServerOptions, transport: any HTTPTransport,
    sleep: @escaping @Sendable (TimeInterval) async -> Void = KFPServerSource.realSleep,
    metricsReader: (any RunMetricsReader)? = nil
  ) {
    self.options = options
    self.client = KFPServerClient(options: options, transport: transport, sleep: sleep)
    self.metricsReader = metricsReader
  }

  /// Sleeps for real (cancellation ends the wait early).
  public static let realSleep: @Sendable (TimeInterval) async -> Void = { seconds in
    try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
  }

  /// Loads every run in scope, page by page; `onPage` gets each page's runs and problems as
  /// they arrive, with the number loaded so far and the server's `total_size`.
  ///
  /// The API is the one `options.api` names; `auto` asks `GET {base}/apis/v2beta1/healthz`
  /// first. Runs already loaded are kept when a later page fails; when nothing could be loaded
  /// because of a failed request, `sourceFailure` says why.
  public func load(onPage: ((LoadResult, _ loaded: Int, _ total: Int?) -> Void)? = nil) async
    -> LoadResult
  {
    await loadForPolling(onPage: onPage).result
  }

  /// A load, and what polls of the same runs go on from: the API it used, its scope, ….
  func loadForPolling(
    onPage: ((LoadResult, _ loaded: Int, _ total: Int?) -> Void)? = nil
  ) async -> (result: LoadResult, basis: PollBasis) {
    var result = LoadResult(problems: options.setupProblems)
    var basis = PollBasis(version: nil)
    if !result.problems.isEmpty {
      onPage?(LoadResult(problems: result.problems), 0, nil)
    }
    let version: KFPAPIVersion
    switch await apiVersion() {
    case .success(let detected):
      version = detected
    case .failure(let failure):
      result.problems.append(failure.problem)
      result.sourceFailure = failure.problem
      onPage?(LoadResult(problems: [failure.problem], sourceFailure: failure.problem), 0, nil)
      return (result, basis)
    }
    let total: Int?
    switch version {
    case .v1: total = await loadV1(into: &result, basis: &basis, onPage: onPage)
    case .v2: total = await loadV2(into: &result, basis: &basis, onPage: onPage)
    }
    if let limit = options.limit, let total, result.runs.count >= limit,
      total > result.runs.count
    {
      let note = Problem(
        location: options.displayBase, severity: .warning,
        message:
          "Showing the first \(result.runs.count) of \(total) runs (--limit \(limit)); raise "
          + "or drop --limit to load them all.")
      result.problems.append(note)
      onPage?(LoadResult(problems: [note]), result.runs.count, total)
    }
    return (result, basis)
  }

  /// The API to list runs from: the one asked for, else v2beta1 when its `healthz` answers.
  /// A server that cannot be reached at all is a failure (asking v1beta1 would only repeat it).
  func apiVersion() async -> Result<KFPAPIVersion, ServerFailure> {
    switch options.api {
    case .v1: return .success(.v1)
    case .v2: return .success(.v2)
    case .auto: break
    }
    switch await client.get("healthz", version: .v2) {
    case .success: return .success(.v2)
    case .failure(let failure) where failure.kind == .unreachable: return .failure(failure)
    case .failure: return .success(.v1)
    }
  }

  /// Runs from `GET /apis/v1beta1/runs`; returns the server's `total_size`.
  private func loadV1(
    into result: inout LoadResult, basis: inout PollBasis,
    onPage: ((LoadResult, _ loaded: Int, _ total: Int?) -> Void)?
  ) async -> Int? {
    var scope: [(String, String)] = []
    if let experiment = options.experiment {
      guard
        let ref = await scopeExperiment(experiment, version: .v1, into: &result, onPage: onPage)
      else { return nil }
      scope = Self.referenceKey(type: "EXPERIMENT", id: ref.id)
    } else if let namespace = options.namespace {
      scope = Self.referenceKey(type: "NAMESPACE", id: namespace)
    }

    var seen = SeenExperiments(known: Set(result.experiments.map(\.id)))
    let paged = await collect(
      "runs", query: scope + [("sort_by", "created_at desc")], limit: options.limit,
      noun: "runs", id: \.id,
      decode: { json, location in
        let page = KFPWire.runsPage(from: json, location: location)
        return Page(
          items: page.runs, problems: page.problems, next: page.nextPageToken,
          total: page.totalSize)
      },
      onPage: { runs, problems, loaded, total in
        // Outside the optional call: the experiments count without a listener too.
        let batch = seen.batch(runs: runs, problems: problems)
        onPage?(batch, loaded, total)
      })
    result.experiments += seen.found
    result.take(paged)
    basis = PollBasis(version: .v1, scope: scope)
    return paged.total
  }

  /// Resolves `--experiment` for scoping; `nil` (with the failure recorded and reported) when
  /// there is no such experiment.
  func scopeExperiment(
    _ nameOrID: String, version: KFPAPIVersion, into result: inout LoadResult,
    onPage: ((LoadResult, _ loaded: Int, _ total: Int?) -> Void)?
  ) async -> ExperimentRef? {
    let resolved = await resolveExperiment(nameOrID, version: version)
    result.problems += resolved.problems
    guard let ref = resolved.experiment else {
      result.sourceFailure = resolved.problems.last
      onPage?(LoadResult(problems: resolved.problems, sourceFailure: result.sourceFailure), 0, nil)
      return nil
    }
    result.experiments = [ref]
    return ref
  }

  /// Every experiment on the server (in the namespace, when one is set), for a picker.
  public func listExperiments() async -> LoadResult {
    switch await apiVersion() {
    case .success(let version): return await listExperiments(version: version)
    case .failure(let failure):
      return LoadResult(problems: [failure.problem], sourceFailure: failure.problem)
    }
  }

  /// Every experiment the `version` API lists (in the namespace, when one is set).
  func listExperiments(version: KFPAPIVersion) async -> LoadResult {
    let scope: [(String, String)]
    switch version {
    case .v1: scope = options.namespace.map { Self.referenceKey(type: "NAMESPACE", id: $0) } ?? []
    case .v2: scope = options.namespace.map { [("namespace", $0)] } ?? []
    }
    let paged = await collect(
      "experiments", query: scope, limit: nil, noun: "experiments", id: \.id, version: version,
      decode: { json, location in
        let page =
          version == .v1
          ? KFPWire.experiments(from: json, location: location)
          : KFPWireV2.experimentsPage(from: json, location: location)
        return Page(
          items: page.experiments, problems: page.problems, next: page.nextPageToken,
          total: page.totalSize)
      }, onPage: { _, _, _, _ in })
    var result = LoadResult(experiments: paged.items, problems: paged.problems)
    if let failure = paged.failure, paged.items.isEmpty {
      result.sourceFailure = failure.problem
    }
    return result
  }

  /// One run with `GET /runs/{id}` (a `RunDetail`).
  public func run(id: String) async -> LoadResult {
    switch await client.get("runs/" + ServerURL.encode(id)) {
    case .success(let answer):
      let decoded = KFPWire.run(from: answer.json, location: answer.location)
      return LoadResult(runs: decoded.run.map { [$0] } ?? [], problems: decoded.problems)
    case .failure(let failure):
      return LoadResult(problems: [failure.problem], sourceFailure: failure.problem)
    }
  }

  /// `GET /healthz`: `nil` when the server answers, else the problem.
  public func checkHealth() async -> Problem? {
    switch await client.get("healthz") {
    case .success: nil
    case .failure(let failure): failure.problem
    }
  }

  static func referenceKey(type: String, id: String) -> [(String, String)] {
    [("resource_reference_key.type", type), ("resource_reference_key.id", id)]
  }
}

extension LoadResult {
  /// Takes a paged listing's runs and problems; a failure before any run is the source's.
  mutating func take(_ paged: KFPServerSource.Paged<Run>) {
    runs = paged.items
    problems += paged.problems
    if let failure = paged.failure, paged.items.isEmpty {
      sourceFailure = failure.problem
    }
  }
}
