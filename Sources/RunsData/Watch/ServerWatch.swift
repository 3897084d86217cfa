import Foundation
import RunsCore

/// A KFP server kept current by polling, never by loading everything again: each poll reads the
/// newest runs page by page until it meets a run it knows, plus every known run that is not in
/// a final state. When the server fails, polls back off (up to 5 minutes apart) and the update
/// says since when it is offline; what was loaded stays.
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

  private let clock: @Sendable () -> Date
  private let sleep: @Sendable (TimeInterval) async -> Void
  private var runs: [String: Run] = [:]
  private var scope: [(String, String)] = []
  private var nextPoll = Date.distantPast
  private var failures = 0
  private var offlineSince: Date?
  private var problems: [Problem] = []
  /// The failed polls' problems, dropped again once the server answers.
  private var pollFailures: Set<Problem> = []

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

  public func start() async -> LoadResult {
    let result = await source.load()
    for run in result.runs { runs[run.id] = run }
    problems = result.problems
    if source.options.experiment != nil, let experiment = result.experiments.first {
      scope = KFPServerSource.referenceKey(type: "EXPERIMENT", id: experiment.id)
    } else if let namespace = source.options.namespace {
      scope = KFPServerSource.referenceKey(type: "NAMESPACE", id: namespace)
    }
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
    var fetched: [Run] = []
    var failure: Problem?
    var pageToken: String?
    var pages = 0
    newest: while pages < Self.newestPages {
      pages += 1
      var query = [("page_size", "20"), ("sort_by", "created_at desc")] + scope
      if let pageToken { query.append(("page_token", pageToken)) }
      switch await source.client.get("runs", query: query) {
      case .failure(let failed):
        failure = failed.problem
        break newest
      case .success(let answer):
        let page = KFPWire.runsPage(from: answer.json, location: answer.location)
        var metKnown = false
        for run in page.runs {
          if runs[run.id] != nil { metKnown = true } else { fetched.append(run) }
        }
        guard !metKnown, let next = page.nextPageToken, !next.isEmpty else { break newest }
        pageToken = next
      }
    }
    // A run deleted on the server answers 404: it is gone, the server is not.
    var gone: [String] = []
    if failure == nil {
      let active = runs.values.filter { $0.status?.isActive ?? false }.map(\.id).sorted()
      active: for id in active {
        switch await source.client.get("runs/" + ServerURL.encode(id)) {
        case .failure(let failed) where failed.kind == .notFound:
          gone.append(id)
        case .failure(let failed):
          failure = failed.problem
          break active
        case .success(let answer):
          fetched +=
            KFPWire.run(from: answer.json, location: answer.location).run.map { [$0] } ?? []
        }
      }
    }
    let now = clock()
    if let failure {
      failures += 1
      offlineSince = offlineSince ?? now
      let backoff = min(interval * pow(2, Double(failures - 1)), Self.longestBackoff)
      nextPoll = now.addingTimeInterval(backoff)
      let changedProblems = problems.last != failure
      if changedProblems {
        problems.append(failure)
        pollFailures.insert(failure)
      }
      return RunsUpdate(
        problems: changedProblems ? problems : nil, offlineSince: offlineSince)
    }
    var update = RunsUpdate()
    if offlineSince != nil {
      // Back: the failures that were shown are over.
      problems.removeAll { pollFailures.contains($0) }
      pollFailures = []
      update.problems = problems
    }
    failures = 0
    offlineSince = nil
    nextPoll = now.addingTimeInterval(interval)
    for id in gone {
      guard let old = runs.removeValue(forKey: id) else { continue }
      update.removed.append(id)
      update.changes += RunChange.between(old, nil)
    }
    for run in fetched {
      let old = runs[run.id]
      guard old != run else { continue }
      runs[run.id] = run
      update.replaced.append(run)
      update.changes += RunChange.between(old, run)
    }
    return update
  }
}
