import Foundation
import RunsCore

/// ML Metadata between polls of a v2 server: which runs' metrics are still to be read, and how
/// long the store is left alone while it fails.
struct MetricsRefresh: Sendable {
  /// Runs whose metrics were not read (the store failed, or was being left alone): asked for
  /// at the next poll that asks the store, finished or not.
  var unread: Set<String> = []
  /// Polls in a row at which the store did not answer.
  var failures = 0
  /// The store is not asked before this while it fails.
  var nextTry = Date.distantPast
  /// Why metrics were not read; none once they are.
  var problems: [Problem] = []
}

/// KFP 2.x runs keep their metrics in ML Metadata, not in the REST API: a poll reads them for
/// the runs it read (new runs, and runs not final when last seen: their tasks may have logged
/// metrics, or they just finished), never for unchanged finished runs.
extension ServerWatch {
  /// `fetched` (as the API gave them) with their metrics from ML Metadata, then the runs whose
  /// metrics are still to be read. A run whose metrics cannot be read keeps the ones it had.
  ///
  /// A store that does not answer is a problem, not an outage: the server answered, so status
  /// changes and new runs still show, and `--until-done` can still end. The store is then
  /// asked again after the waits a failing server gets (``backoff(_:failures:)``), and the
  /// runs it owes are read once it answers.
  func withMetrics(_ fetched: [Run], reader: any RunMetricsReader, at now: Date) async -> [Run] {
    let fetchedIDs = Set(fetched.map(\.id))
    let owed = metrics.unread.subtracting(fetchedIDs).sorted().compactMap { listed[$0] }
    let wanted = fetched + owed
    guard !wanted.isEmpty else { return [] }
    // What each run got from the store, taken before `listed` moves on.
    var kept: [String: (metrics: [Metric], notes: [String])] = [:]
    for run in wanted { kept[run.id] = metricsPart(of: run.id) }
    for run in fetched { listed[run.id] = run }
    func keeping(_ run: Run) -> Run {
      var run = run
      if let part = kept[run.id] {
        run.metrics += part.metrics
        run.notes += part.notes
      }
      return run
    }
    guard now >= metrics.nextTry else {
      metrics.unread.formUnion(fetchedIDs)
      return fetched.map(keeping)
    }
    let read = await source.fetchMetrics(wanted, reader: reader, onRun: nil)
    metrics.unread = read.unread
    if let failure = read.storeFailure {
      metrics.failures += 1
      metrics.nextTry = now.addingTimeInterval(Self.backoff(interval, failures: metrics.failures))
      metrics.problems = [storeProblem(reader, failure)]
      return fetched.map(keeping)
    }
    metrics.failures = 0
    metrics.nextTry = .distantPast
    metrics.problems = read.readFailures
    return read.runs.map { read.unread.contains($0.id) ? keeping(listed[$0.id] ?? $0) : $0 }
  }

  /// The metrics and notes the store gave run `id`: what it shows beyond what the API gave.
  private func metricsPart(of id: String) -> (metrics: [Metric], notes: [String]) {
    guard let shown = runs[id], let base = listed[id] else { return ([], []) }
    return (
      Array(shown.metrics.dropFirst(base.metrics.count)),
      Array(shown.notes.dropFirst(base.notes.count))
    )
  }

  /// The problem of a store that did not answer a poll.
  /// One sentence for as long as it fails (the waits grow, the problem stays the same).
  private func storeProblem(_ reader: any RunMetricsReader, _ failure: RunMetricsFailure)
    -> Problem
  {
    Problem(
      location: reader.location, severity: .error,
      message:
        "ML Metadata did not answer (\(failure.message)): the runs keep the metrics last read "
        + "until it does; asked again less often while it fails.")
  }
}
