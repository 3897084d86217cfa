import Foundation
import RunsCore

/// Runs from a KFP API server (v1beta1): pages of `GET {base}/apis/v1beta1/runs`, newest first.
public struct KFPServerSource: Sendable {
  /// Where the server is, credentials and scope.
  public let options: KFPServerOptions
  let client: KFPServerClient

  /// Creates a source that talks through `URLSession`.
  public init(options: KFPServerOptions) {
    self.init(options: options, transport: URLSessionTransport(insecure: options.insecure))
  }

  /// Creates a source over any transport; `sleep` waits between retries (tests record it).
  public init(
    options: KFPServerOptions, transport: any HTTPTransport,
    sleep: @escaping @Sendable (TimeInterval) async -> Void = KFPServerSource.realSleep
  ) {
    self.options = options
    self.client = KFPServerClient(options: options, transport: transport, sleep: sleep)
  }

  /// Sleeps for real (cancellation ends the wait early).
  public static let realSleep: @Sendable (TimeInterval) async -> Void = { seconds in
    try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
  }

  /// Loads every run in scope, page by page; `onPage` gets each page's runs and problems as
  /// they arrive, with the number loaded so far and the server's `total_size`.
  ///
  /// Runs already loaded are kept when a later page fails; when nothing could be loaded because
  /// of a failed request, `sourceFailure` says why.
  public func load(onPage: ((LoadResult, _ loaded: Int, _ total: Int?) -> Void)? = nil) async
    -> LoadResult
  {
    var result = LoadResult(problems: options.setupProblems)
    if !result.problems.isEmpty {
      onPage?(LoadResult(problems: result.problems), 0, nil)
    }
    var scope: [(String, String)] = []
    if let experiment = options.experiment {
      let resolved = await resolveExperiment(experiment)
      result.problems += resolved.problems
      guard let ref = resolved.experiment else {
        result.sourceFailure = resolved.problems.last
        onPage?(
          LoadResult(problems: resolved.problems, sourceFailure: result.sourceFailure), 0, nil)
        return result
      }
      result.experiments = [ref]
      scope = Self.referenceKey(type: "EXPERIMENT", id: ref.id)
    } else if let namespace = options.namespace {
      scope = Self.referenceKey(type: "NAMESPACE", id: namespace)
    }

    var knownExperiments = Set(result.experiments.map(\.id))
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
        var batch = LoadResult(runs: runs, problems: problems)
        for run in runs {
          if let experiment = run.experiment, knownExperiments.insert(experiment.id).inserted {
            batch.experiments.append(experiment)
          }
        }
        result.experiments += batch.experiments
        onPage?(batch, loaded, total)
      })
    result.runs = paged.items
    result.problems += paged.problems
    if let failure = paged.failure, paged.items.isEmpty {
      result.sourceFailure = failure.problem
    }
    if let limit = options.limit, let total = paged.total, paged.items.count >= limit,
      total > paged.items.count
    {
      let note = Problem(
        location: options.displayBase, severity: .warning,
        message:
          "Showing the first \(paged.items.count) of \(total) runs (--limit \(limit)); raise "
          + "or drop --limit to load them all.")
      result.problems.append(note)
      onPage?(LoadResult(problems: [note]), paged.items.count, total)
    }
    return result
  }

  /// Every experiment on the server (in the namespace, when one is set), for a picker.
  public func listExperiments() async -> LoadResult {
    let scope = options.namespace.map { Self.referenceKey(type: "NAMESPACE", id: $0) } ?? []
    let paged = await collect(
      "experiments", query: scope, limit: nil, noun: "experiments", id: \.id,
      decode: { json, location in
        let page = KFPWire.experiments(from: json, location: location)
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
