import Foundation
import RunsCore

/// The metrics of KFP 2.x runs, fetched from ML Metadata after the runs are on screen.
extension KFPServerSource {
  /// The most runs one metrics batch asks the store for.
  public static let runsPerBatch = 50
  /// The most batches in flight at once.
  public static let batchesInFlight = 2
  /// The most v1 runs asked for their v1 metrics at once.
  static let v1RunsInFlight = 4

  /// What one batch's fetch came to.
  struct BatchOutcome: Sendable {
    var runs: [Run]
    var problems: [Problem] = []
    var failure: RunMetricsFailure?
  }

  /// What a metrics fetch came to: the runs with their metrics, its problems, the runs whose
  /// metrics could not be read, and the failure of a store that did not answer at all.
  struct FetchedMetrics: Sendable {
    var runs: [Run]
    var problems: [Problem] = []
    /// The ids of the runs whose metrics were not read (all of them when the store failed).
    var unread: Set<String> = []
    /// The problems that say which runs' metrics were not read, and why.
    var readFailures: [Problem] = []
    /// Why the store did not answer its first request (then no other run was asked).
    var storeFailure: RunMetricsFailure?
  }

  /// Fills `runs` with their metrics from `reader`, ``runsPerBatch`` runs a batch and
  /// ``batchesInFlight`` batches at once, reporting each batch as it completes (`metrics N of
  /// M runs`). The first batch is asked alone: when the store cannot be reached, one problem
  /// says how to reach it and the runs stay as they are. A run the store has no record of
  /// keeps its v1 metrics (a v1 run on a KFP 2.x server). Retrying what fails for a moment is
  /// the reader's part (per request, so one lost request does not cost a batch).
  func fetchMetrics(
    _ runs: [Run], reader: any RunMetricsReader,
    onRun: ((LoadResult, _ done: Int, _ total: Int) -> Void)?
  ) async -> FetchedMetrics {
    guard !runs.isEmpty else { return FetchedMetrics(runs: runs) }
    let batches = stride(from: 0, to: runs.count, by: Self.runsPerBatch).map {
      $0..<min($0 + Self.runsPerBatch, runs.count)
    }
    var updated = runs
    var problems: [Problem] = []
    var failures: [(indices: Range<Int>, failure: RunMetricsFailure)] = []
    var done = 0
    func take(_ indices: Range<Int>, _ outcome: BatchOutcome) {
      updated.replaceSubrange(indices, with: outcome.runs)
      problems += outcome.problems
      if let failure = outcome.failure { failures.append((indices, failure)) }
      done += indices.count
      var batch = LoadResult(runs: outcome.runs, problems: outcome.problems)
      batch.metricsProgress = LoadResult.MetricsProgress(done: done, total: runs.count)
      onRun?(batch, done, runs.count)
    }

    let first = await batchOutcome(Array(runs[batches[0]]), reader: reader)
    if let failure = first.failure {
      let problem = unreachable(reader, failure)
      var batch = LoadResult(problems: [problem])
      batch.metricsProgress = LoadResult.MetricsProgress(done: runs.count, total: runs.count)
      onRun?(batch, runs.count, runs.count)
      return FetchedMetrics(
        runs: runs, problems: [problem], unread: Set(runs.map(\.id)), readFailures: [problem],
        storeFailure: failure)
    }
    take(batches[0], first)

    await withBoundedTasks(
      Array(batches.dropFirst()), limit: Self.batchesInFlight,
      work: { indices in await self.batchOutcome(Array(runs[indices]), reader: reader) },
      take: { indices, outcome in
        take(indices, outcome)
        return true
      })

    var readFailures: [Problem] = []
    let grouped = Dictionary(grouping: failures, by: \.failure.message)
    for message in grouped.keys.sorted() {
      let indices = grouped[message]!.flatMap(\.indices).sorted()
      let names = indices.prefix(5).map { JSONText.quoted(updated[$0].name, limit: 60) }
      let which =
        indices.count == 1
        ? "run \(names[0])"
        : "\(indices.count) runs (\(names.joined(separator: ", "))\(indices.count > 5 ? ", …" : ""))"
      let problem = Problem(
        location: reader.location, severity: .error,
        message: "The metrics of \(which) could not be read from ML Metadata: \(message).",
        runID: indices.count == 1 ? updated[indices[0]].id : nil)
      problems.append(problem)
      readFailures.append(problem)
      onRun?(LoadResult(problems: [problem]), done, runs.count)
    }
    return FetchedMetrics(
      runs: updated, problems: problems,
      unread: Set(failures.flatMap { updated[$0.indices].map(\.id) }),
      readFailures: readFailures)
  }

  /// One batch's metrics; runs the store does not know take their metrics from
  /// `GET /apis/v1beta1/runs/{id}`.
  func batchOutcome(_ runs: [Run], reader: any RunMetricsReader) async -> BatchOutcome {
    let found: [String: V2RunMetrics]
    do {
      found = try await reader.metrics(ofRuns: runs.map(\.id))
    } catch {
      var outcome = BatchOutcome(runs: runs, failure: error)
      for index in outcome.runs.indices {
        outcome.runs[index].notes.append("Metrics: not read from ML Metadata (\(error.message))")
      }
      return outcome
    }
    var outcome = BatchOutcome(runs: runs)
    var unknown: [Int] = []
    for (index, run) in runs.enumerated() {
      guard let metrics = found[run.id] else {
        unknown.append(index)
        continue
      }
      outcome.runs[index].metrics += metrics.metrics
      outcome.runs[index].notes += metrics.notes
      outcome.problems += metrics.problems
    }
    await withBoundedTasks(
      unknown, limit: Self.v1RunsInFlight, work: { index in await self.withV1Metrics(runs[index]) },
      take: { index, run in
        outcome.runs[index] = run
        return true
      })
    return outcome
  }

  /// `run`, which ML Metadata has no record of, with its metrics from the v1 API if it has any.
  private func withV1Metrics(_ run: Run) async -> Run {
    var run = run
    switch await client.get("runs/" + ServerURL.encode(run.id), version: .v1) {
    case .success(let answer):
      let v1 = KFPWire.run(from: answer.json, location: answer.location).run
      if let metrics = v1?.metrics, !metrics.isEmpty {
        run.metrics += metrics
        run.notes.append("Metrics: from the v1 API (ML Metadata has no record of this run)")
        return run
      }
    case .failure:
      break
    }
    run.notes.append(
      "Metrics: none (ML Metadata has no record of this run: not started, or a v1 run)")
    return run
  }

  /// Where ML Metadata is asked: `--mlmd`, else the base URL's origin, where the KFP UI
  /// serves `/ml_metadata.MetadataStoreService/<Method>` beside the REST API.
  public static func mlmdEndpoint(_ options: KFPServerOptions) -> URL {
    if let url = options.mlmdURL { return url }
    var components = URLComponents(url: options.baseURL, resolvingAgainstBaseURL: true)
    components?.path = ""
    components?.query = nil
    return components?.url ?? options.baseURL
  }

  /// The credentials for ML Metadata: the REST API's, when the endpoint has its origin (a
  /// `--mlmd` elsewhere, e.g. a port-forward of its proxy, gets none).
  public static func mlmdHeaders(_ options: KFPServerOptions) -> [String: String] {
    let endpoint = mlmdEndpoint(options)
    guard ServerURL.origin(endpoint) == ServerURL.origin(options.baseURL) else { return [:] }
    var headers: [String: String] = [:]
    if let token = options.token { headers["Authorization"] = "Bearer \(token)" }
    if let cookie = options.cookie { headers["Cookie"] = cookie }
    return headers
  }

  /// The one problem for a store that cannot be reached: why, and how to reach it.
  func unreachable(_ reader: any RunMetricsReader, _ failure: RunMetricsFailure) -> Problem {
    let credentials =
      failure.isUnauthorized
      ? " Check the credentials: the same --token/KFP_TOKEN or --cookie/KFP_COOKIE go to it." : ""
    return Problem(
      location: reader.location, severity: .error,
      message:
        "The metrics of KFP 2.x runs live in ML Metadata, which did not answer at "
        + "\(reader.location) (\(failure.message)); the runs show without metrics."
        + credentials + " Give the KFP UI's URL as SOURCE, which serves both (e.g. "
        + "`kubectl port-forward -n kubeflow svc/ml-pipeline-ui 8080:80` and "
        + "http://localhost:8080), or name ML Metadata's gRPC-web endpoint with --mlmd URL.")
  }
}
