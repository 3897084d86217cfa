import Foundation
import RunsCore

/// A KFP server kept current by polling, never by loading everything again: each poll reads the
/// newest runs page by page until it meets a run it knows, plus every known run that is not in
/// a final state, through the API the load used (v1beta1, or v2beta1 with the runs' metrics
/// from ML Metadata). When the server fails, polls back off (up to 5 minutes apart) and the
/// update says since when it is offline; what was loaded stays.
///
/// One caller at a time: `start()` once, then `next()` in a loop.
public final class ServerWatch: RunsWatch, @unchecked Sendable {
  /// The source polled.
  public let source: KFPServerSource
  /// Seconds between polls while the server answers.
  public let interval: TimeInterval
  /// The longest wait between polls while the server fails.
  public static let longestBackoff: TimeInterval = 300
  /// Newest-first pages read in one poll before giving up on meeting a known run.
  static let newestPages = 5

  let clock: @Sendable () -> Date
  private let sleep: @Sendable (TimeInterval) async -> Void
  /// The runs as last handed out, by id.
  var runs: [String: Run] = [:]
  /// How the load read the runs: polls read them the same way.
  var basis = PollBasis()
  /// v2: each run as the API last gave it, before its metrics from ML Metadata.
  var listed: [String: Run] = [:]
  /// v2: ML Metadata between polls.
  var metrics = MetricsRefresh()
  private var nextPoll = Date.distantPast
  private var failures = 0
  private var offlineSince: Date?
  /// The problems of the last load.
  private var loadProblems: [Problem] = []
  /// The failed polls' problems, dropped again once the server answers.
  private var pollProblems: [Problem] = []
  /// The problems last handed out.
  private var shownProblems: [Problem] = []

  /// Polls `source` every `interval` seconds; `clock` and `sleep` are for tests.
  public init(
    source: KFPServerSource, interval: TimeInterval = 10,
    clock: @escaping @Sendable () -> Date = Date.init,
    sleep: @escaping @Sendable (TimeInterval) async -> Void = KFPServerSource.realSleep
  ) {
    self.source = source
    self.interval = interval
    self.clock = clock
    self.sleep = sleep
  }

  /// The API the polls read, the one the load used; `nil` until a load got that far.
  public var apiVersion: KFPAPIVersion? { basis.version }

  public func start() async -> LoadResult {
    let (result, basis) = await source.loadForPolling()
    for run in result.runs { runs[run.id] = run }
    take(result, basis: basis)
    shownProblems = problems
    nextPoll = clock().addingTimeInterval(interval)
    return result
  }

  public func next() async -> RunsUpdate {
    let wait = nextPoll.timeIntervalSince(clock())
    if wait > 0 {
      await sleep(min(wait, 1))
      if nextPoll > clock() { return RunsUpdate(offlineSince: offlineSince) }
    }
    return await poll()
  }

  /// One poll, due or not.
  public func poll() async -> RunsUpdate {
    guard basis.version != nil else { return await loadAgain() }
    let read = await readServer()
    if let failure = read.failure { return failed(failure, at: clock()) }
    var fetched = read.fetched
    if basis.version == .v2, let reader = source.metricsReader {
      fetched = await withMetrics(fetched, reader: reader, at: clock())
    }
    answered(at: clock())
    var update = RunsUpdate()
    for id in read.gone {
      listed[id] = nil
      metrics.unread.remove(id)
      guard let old = runs.removeValue(forKey: id) else { continue }
      update.removed.append(id)
      update.changes += RunChange.between(old, nil)
    }
    put(fetched, into: &update)
    update.problems = changedProblems()
    return update
  }

  /// A poll after a load that failed before it knew what to poll (the server could not be
  /// reached, or the experiment not found): the load again, its runs all new.
  private func loadAgain() async -> RunsUpdate {
    let (result, basis) = await source.loadForPolling()
    if let failure = result.sourceFailure { return failed(failure, at: clock()) }
    answered(at: clock())
    var update = RunsUpdate()
    take(result, basis: basis)
    put(result.runs, into: &update)
    update.problems = changedProblems()
    return update
  }

  /// Takes over a load's problems and basis.
  private func take(_ result: LoadResult, basis: PollBasis) {
    // Which metrics could not be read is over once polls read them.
    loadProblems = result.problems.filter { !basis.metricsProblems.contains($0) }
    metrics.problems = basis.metricsProblems
    for run in basis.listed { listed[run.id] = run }
    metrics.unread = basis.metricsUnread
    self.basis = basis
    // Held in `listed` now.
    self.basis.listed = []
  }

  /// Puts the runs read in place; the update gets those that differ and what changed.
  private func put(_ fetched: [Run], into update: inout RunsUpdate) {
    for run in fetched {
      let old = runs[run.id]
      guard old != run else { continue }
      runs[run.id] = run
      update.replaced.append(run)
      update.changes += RunChange.between(old, run)
    }
  }

  /// A failed poll: the next one waits twice as long as the last (up to ``longestBackoff``).
  private func failed(_ failure: Problem, at now: Date) -> RunsUpdate {
    failures += 1
    offlineSince = offlineSince ?? now
    nextPoll = now.addingTimeInterval(Self.backoff(interval, failures: failures))
    if problems.last != failure { pollProblems.append(failure) }
    return RunsUpdate(problems: changedProblems(), offlineSince: offlineSince)
  }

  /// The server answered: the failures that were shown are over.
  private func answered(at now: Date) {
    failures = 0
    offlineSince = nil
    pollProblems = []
    nextPoll = now.addingTimeInterval(interval)
  }

  /// The wait after `failures` failures in a row: `interval`, doubling up to ``longestBackoff``.
  static func backoff(_ interval: TimeInterval, failures: Int) -> TimeInterval {
    min(interval * pow(2, Double(max(failures, 1) - 1)), longestBackoff)
  }

  /// Every current problem of the source.
  private var problems: [Problem] { loadProblems + pollProblems + metrics.problems }

  /// The current problems when they differ from those last handed out, else `nil`.
  private func changedProblems() -> [Problem]? {
    let current = problems
    guard current != shownProblems else { return nil }
    shownProblems = current
    return current
  }
}
