import Foundation
import RunsCore

/// The metrics of KFP 2.x runs, fetched from ML Metadata after the runs are on screen.
extension KFPServerSource {
  /// The most metrics requests in flight at once.
  public static let metricsInFlight = 8

  /// What one run's fetch came to.
  struct MetricsOutcome: Sendable {
    var run: Run
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

  /// Fills `runs` with their metrics from `reader`, ``metricsInFlight`` at a time, reporting
  /// each run as it completes (`metrics N of M runs`). The first run is asked alone: when the
  /// store cannot be reached, one problem says how to reach it and the runs stay as they are.
  /// A run the store has no record of keeps its v1 metrics (a v1 run on a KFP 2.x server).
  func fetchMetrics(
    _ runs: [Run], reader: any RunMetricsReader,
    onRun: ((LoadResult, _ done: Int, _ total: Int) -> Void)?
  ) async -> FetchedMetrics {
    guard !runs.isEmpty else { return FetchedMetrics(runs: runs) }
    var updated = runs
    var problems: [Problem] = []
    var failures: [(index: Int, failure: RunMetricsFailure)] = []
    var done = 0
    func take(_ index: Int, _ outcome: MetricsOutcome) {
      updated[index] = outcome.run
      problems += outcome.problems
      if let failure = outcome.failure { failures.append((index, failure)) }
      done += 1
      var batch = LoadResult(runs: [outcome.run], problems: outcome.problems)
      batch.metricsProgress = LoadResult.MetricsProgress(done: done, total: runs.count)
      onRun?(batch, done, runs.count)
    }

    let first = await metricsOutcome(runs[0], reader: reader)
    if let failure = first.failure {
      let problem = unreachable(reader, failure)
      var batch = LoadResult(problems: [problem])
      batch.metricsProgress = LoadResult.MetricsProgress(done: runs.count, total: runs.count)
      onRun?(batch, runs.count, runs.count)
      return FetchedMetrics(
        runs: runs, problems: [problem], unread: Set(runs.map(\.id)), readFailures: [problem],
        storeFailure: failure)
    }
    take(0, first)

    await withTaskGroup(of: (Int, MetricsOutcome).self) { group in
      var next = 1
      func startNext() {
        guard next < runs.count else { return }
        let (index, run) = (next, runs[next])
        next += 1
        group.addTask { (index, await self.metricsOutcome(run, reader: reader)) }
      }
      for _ in 0..<Self.metricsInFlight { startNext() }
      while let (index, outcome) = await group.next() {
        take(index, outcome)
        startNext()
      }
    }

    var readFailures: [Problem] = []
    let grouped = Dictionary(grouping: failures, by: \.failure.message)
    for message in grouped.keys.sorted() {
      let indices = grouped[message]!.map(\.index).sorted()
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
      runs: updated, problems: problems, unread: Set(failures.map { updated[$0.index].id }),
      readFailures: readFailures)
  }

  /// One run's metrics, with retries for transient failures; a run the store does not know
  /// takes its metrics from `GET /apis/v1beta1/runs/{id}`.
  func metricsOutcome(_ run: Run, reader: any RunMetricsReader) async -> MetricsOutcome {
    var outcome = MetricsOutcome(run: run)
    var attempt = 0
    var found: V2RunMetrics?
    while true {
      attempt += 1
      do {
        found = try await reader.metrics(ofRun: run.id)
        break
      } catch {
        if error.isTransient, attempt < options.retry.attempts {
          await client.sleep(options.retry.delay(afterAttempt: attempt, retryAfter: nil))
          continue
        }
        outcome.failure = error
        outcome.run.notes.append("Metrics: not read from ML Metadata (\(error.message))")
        return outcome
      }
    }
    if let found {
      outcome.run.metrics += found.metrics
      outcome.run.notes += found.notes
      outcome.problems = found.problems
      return outcome
    }
    switch await client.get("runs/" + ServerURL.encode(run.id), version: .v1) {
    case .success(let answer):
      let v1 = KFPWire.run(from: answer.json, location: answer.location).run
      if let metrics = v1?.metrics, !metrics.isEmpty {
        outcome.run.metrics += metrics
        outcome.run.notes.append("Metrics: from the v1 API (ML Metadata has no record of this run)")
        return outcome
      }
    case .failure:
      break
    }
    outcome.run.notes.append(
      "Metrics: none (ML Metadata has no record of this run: not started, or a v1 run)")
    return outcome
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
