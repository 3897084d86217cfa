import Foundation
import KFPTestServer
import RunsCore
import Testing

@testable import RunsData

/// Polling a KFP 2.x server (`Tests/Peers/kfp2_server.py`: v2beta1 REST beside the real ML
/// Metadata store) whose runs change between polls as KFP's driver and launcher change them.
@Suite(.serialized, .enabled(if: KFP2Peer.enabled, "needs .venv/mlmd (scripts/python-venvs)"))
struct ServerWatchV2Tests {
  static let running = "1b4c7e2a-0000-4000-8000-000000000004"
  static let fresh = "1b4c7e2a-0000-4000-8000-000000000006"

  /// A watch of a fresh peer through `--api auto`, loaded; its ML Metadata at the peer's root.
  private func started(clock: TestClock? = nil) async throws -> (
    KFP2Peer, ServerWatch, LoadResult
  ) {
    let peer = try KFP2Peer()
    let sleeps = SleepRecorder()
    let mlmd = MLMDClient(
      endpoint: peer.baseURL, transport: HTTPClientTransport(), headers: [:], timeout: 20,
      sleep: sleeps.sleep)
    let source = KFPServerSource(
      options: testOptions(peer.baseURL, api: .auto), transport: HTTPClientTransport(),
      sleep: sleeps.sleep, metricsReader: mlmd)
    let watch =
      if let clock {
        ServerWatch(source: source, interval: 10, clock: clock.now, sleep: { clock.advance($0) })
      } else {
        ServerWatch(source: source, interval: 10)
      }
    let loaded = await watch.start()
    #expect(loaded.runs.count == 5)
    #expect(loaded.sourceFailure == nil)
    #expect(watch.apiVersion == .v2)
    peer.reset()
    return (peer, watch, loaded)
  }

  /// Runs whose metrics ML Metadata was asked for (one `GetExecutionsByContext` a run).
  private func runsReadFromMLMD(_ peer: KFP2Peer) -> Int {
    peer.stats().mlmd["GetExecutionsByContext"] ?? 0
  }

  /// Times ML Metadata was asked, answering or not (one `GetContexts` a batch of runs).
  private func timesMLMDWasAsked(_ peer: KFP2Peer) -> Int {
    peer.stats().mlmd["GetContexts"] ?? 0
  }

  private func metric(_ name: String, _ old: Double?, _ new: Double?) -> RunChange.Kind {
    .metric(name: name, old: old, new: new, format: .v2Number)
  }

  @Test func aRunningRunFinishingBringsItsStatusAndItsMetrics() async throws {
    let (peer, watch, _) = try await started()
    try peer.task(Self.running, "train", state: "COMPLETE", metrics: ["accuracy": 0.75])
    try peer.setState(Self.running, "SUCCEEDED")
    let update = await watch.poll()
    #expect(
      update.changes.map(\.kind) == [
        .status(old: .running, new: .succeeded), metric("accuracy", nil, 0.75),
      ])
    #expect(update.replaced.map(\.id) == [Self.running])
    let run = try #require(update.replaced.first)
    #expect(run.metric(named: "accuracy")?.nodeID == "train > metrics")
    #expect(run.pipeline == "train-pipeline" && run.experiment?.name == "default")
    // The newest page (it holds a known run at once), the running run by id, and its metrics:
    // the finished runs are not asked about.
    #expect(peer.stats().rest == 2)
    #expect(runsReadFromMLMD(peer) == 1)
    // Nothing runs any more: the next poll reads the newest page only, ML Metadata not at all.
    let quiet = await watch.poll()
    #expect(quiet.isEmpty)
    #expect(peer.stats().rest == 3)
    #expect(runsReadFromMLMD(peer) == 1)
  }

  @Test func aMetricAppearingWhileTheRunRunsIsAChange() async throws {
    let (peer, watch, _) = try await started()
    try peer.task(Self.running, "evaluate", state: "COMPLETE", metrics: ["precision": 0.5])
    let update = await watch.poll()
    #expect(update.changes.map(\.kind) == [metric("precision", nil, 0.5)])
    #expect(update.replaced.first?.metric(named: "precision")?.nodeID == "evaluate > metrics")
    // Still running: its metrics are read at every poll, and unchanged they are no change.
    let again = await watch.poll()
    #expect(again.isEmpty)
    #expect(runsReadFromMLMD(peer) == 2)
  }

  @Test func aNewRunOnThePageComesNamedAndWithItsMetrics() async throws {
    let (peer, watch, loaded) = try await started()
    try peer.addRun(Self.fresh, name: "fresh", state: "RUNNING")
    try peer.task(Self.fresh, "train", state: "COMPLETE", metrics: ["accuracy": 0.5])
    let update = await watch.poll()
    #expect(update.changes.map(\.kind) == [.added])
    let added = try #require(update.replaced.first)
    #expect(added.id == Self.fresh && added.status == .running)
    #expect(added.value(of: "accuracy") == 0.5)
    // Named as the load named its runs: the experiment by its id's name, the pipeline.
    let sibling = try #require(loaded.runs.first { $0.id == Self.running })
    #expect(added.experiment == sibling.experiment && added.experiment?.name == "default")
    #expect(added.pipeline == sibling.pipeline)
    // Now known and running: the next poll asks for it by id.
    try peer.setState(Self.fresh, "FAILED")
    let next = await watch.poll()
    #expect(next.changes.map(\.kind) == [.status(old: .running, new: .failed)])
  }

  @Test func theServerFailingThenRecovering() async throws {
    let (peer, watch, loaded) = try await started()
    peer.set("rest500")
    let first = await watch.poll()
    let since = try #require(first.offlineSince)
    #expect(first.replaced.isEmpty && first.removed.isEmpty)
    #expect(first.problems?.last?.message.contains("the database is down") == true)
    let second = await watch.poll()
    #expect(second.offlineSince == since)
    #expect(second.problems == nil)
    peer.set("rest500", 0)
    try peer.setState(Self.running, "SUCCEEDED")
    let back = await watch.poll()
    #expect(back.offlineSince == nil)
    #expect(back.problems == loaded.problems)
    #expect(back.changes.map(\.kind) == [.status(old: .running, new: .succeeded)])
  }

  /// ML Metadata failing while the REST API answers: status changes still show, the metrics
  /// read before stay, the store is asked again after growing waits (REST every interval),
  /// and what it owes shows once it answers.
  @Test func mlmdFailingKeepsTheMetricsAndIsAskedLessOften() async throws {
    let clock = TestClock()
    let (peer, watch, _) = try await started(clock: clock)
    try peer.task(Self.running, "train", state: "COMPLETE", metrics: ["accuracy": 0.75])
    let first = await watch.poll()
    #expect(first.changes.map(\.kind) == [metric("accuracy", nil, 0.75)])

    peer.set("mlmd502")
    try peer.task(Self.running, "evaluate", state: "COMPLETE", metrics: ["precision": 0.5])
    try peer.setState(Self.running, "SUCCEEDED")
    var asked: [TimeInterval] = []
    var updates: [RunsUpdate] = []
    for _ in 0..<200 {
      let restBefore = peer.stats().rest
      let mlmdBefore = timesMLMDWasAsked(peer)
      let update = await watch.next()
      if peer.stats().rest > restBefore { updates.append(update) }
      if timesMLMDWasAsked(peer) > mlmdBefore { asked.append(clock.elapsed) }
      if asked.count == 4 { break }
    }
    // Asked at the first poll, then 10, 20 and 40 s apart, while REST is polled every 10 s.
    #expect(asked == [10, 20, 40, 80])
    #expect(updates.count == 8)
    let finished = try #require(updates.first)
    #expect(finished.changes.map(\.kind) == [.status(old: .running, new: .succeeded)])
    #expect(finished.replaced.first?.value(of: "accuracy") == 0.75)
    #expect(finished.offlineSince == nil)
    let problem = try #require(finished.problems?.last)
    #expect(problem.message.contains("ML Metadata did not answer"), "\(problem.message)")
    #expect(updates.dropFirst().allSatisfy { $0.isEmpty && $0.offlineSince == nil })

    peer.set("mlmd502", 0)
    var back: RunsUpdate?
    for _ in 0..<200 {
      let update = await watch.next()
      if !update.isEmpty {
        back = update
        break
      }
    }
    // The run finished while the store failed: its metrics are read once it answers.
    #expect(clock.elapsed == 160)
    #expect(back?.changes.map(\.kind) == [metric("precision", nil, 0.5)])
    #expect(back?.problems?.contains { $0.message.contains("ML Metadata") } == false)
    #expect(back?.replaced.first?.value(of: "accuracy") == 0.75)
  }

  /// ML Metadata down while the runs load: they show without metrics, and the first poll at
  /// which it answers reads them all.
  @Test func metricsTheLoadCouldNotReadComeAtTheFirstPollThatCan() async throws {
    let peer = try KFP2Peer()
    peer.set("mlmd502")
    let mlmd = MLMDClient(
      endpoint: peer.baseURL, transport: HTTPClientTransport(), headers: [:], timeout: 20)
    let source = KFPServerSource(
      options: testOptions(peer.baseURL, api: .auto), transport: HTTPClientTransport(),
      sleep: SleepRecorder().sleep, metricsReader: mlmd)
    let watch = ServerWatch(source: source, interval: 10)
    let loaded = await watch.start()
    #expect(loaded.runs.allSatisfy { $0.metrics.isEmpty })
    peer.set("mlmd502", 0)
    let update = await watch.poll()
    let trainEval = try #require(update.replaced.first { $0.name == "train-eval" })
    #expect(trainEval.value(of: "precision") == 0.8)
    #expect(
      update.changes.contains {
        $0.runName == "train-eval" && $0.kind == metric("precision", nil, 0.8)
      })
    #expect(update.problems?.contains { $0.location == mlmd.location } == false)
    // Read once: the next poll asks only for the running run.
    peer.reset()
    _ = await watch.poll()
    #expect(runsReadFromMLMD(peer) == 1)
  }
}
