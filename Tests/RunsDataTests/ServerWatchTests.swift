import Foundation
import KFPTestServer
import RunsCore
import Testing

@testable import RunsData

/// Polling a v1 test server whose runs change between polls.
@Suite struct ServerWatchTests {
  /// Makes the server fail every request while on.
  final class Outage: @unchecked Sendable {
    private let lock = NSLock()
    private var on = false
    var isOn: Bool {
      get { lock.withLock { on } }
      set { lock.withLock { on = newValue } }
    }
  }

  private let day = 1_767_225_600

  private func run(
    _ id: String, _ status: String, created: Int, metrics: [TestRun.MetricEntry] = []
  ) -> TestRun {
    TestRun(
      id: id, name: "name-\(id)", status: status, createdAt: day + created,
      finishedAt: status == "Running" ? nil : day + created + 60, metrics: metrics)
  }

  private func started(_ runs: [TestRun], outage: Outage = Outage()) async throws -> (
    KFPTestServer, ServerWatch
  ) {
    var options = KFPTestServer.Options(runs: runs)
    options.intercept = { _ in
      outage.isOn ? .apiError(status: 500, message: "Internal error: the database is down") : nil
    }
    let server = try KFPTestServer(options)
    let watch = ServerWatch(source: testSource(testOptions(server.baseURL)), interval: 10)
    let loaded = await watch.start()
    #expect(loaded.runs.count == runs.count)
    return (server, watch)
  }

  @Test func aRunningRunFinishingIsOneStatusChangeWithoutAFullReload() async throws {
    let (server, watch) = try await started([
      run("a", "Running", created: 100), run("b", "Succeeded", created: 50),
    ])
    server.setRuns([run("a", "Succeeded", created: 100), run("b", "Succeeded", created: 50)])
    let before = server.requests.count
    let update = await watch.poll()
    #expect(update.changes.map(\.kind) == [.status(old: .running, new: .succeeded)])
    #expect(update.replaced.map(\.id) == ["a"])
    // The newest page (it holds a known run at once) and the one running run: nothing more.
    let paths = server.requests.dropFirst(before).map(\.path)
    #expect(paths == ["/apis/v1beta1/runs", "/apis/v1beta1/runs/a"])
    // Nothing is running any more: the next poll reads only the newest page.
    let quiet = await watch.poll()
    #expect(quiet.isEmpty)
    #expect(server.requests.count == before + 3)
  }

  /// A running run deleted on the server answers 404: it is removed, and the server is not
  /// taken for offline.
  @Test func aDeletedRunningRunIsRemoved() async throws {
    let (server, watch) = try await started([
      run("a", "Running", created: 100), run("b", "Succeeded", created: 50),
    ])
    server.setRuns([run("b", "Succeeded", created: 50)])
    let update = await watch.poll()
    #expect(update.removed == ["a"])
    #expect(update.changes.map(\.kind) == [.removed])
    #expect(update.offlineSince == nil)
    #expect(update.problems == nil)
  }

  @Test func aMetricAppearing() async throws {
    let (server, watch) = try await started([run("a", "Running", created: 100)])
    server.setRuns([
      run("a", "Running", created: 100, metrics: [.init(name: "acc", nodeID: "train", value: 0.5)])
    ])
    let update = await watch.poll()
    #expect(
      update.changes.map(\.kind) == [.metric(name: "acc", old: nil, new: 0.5, format: .unspecified)]
    )
  }

  @Test func aNewRunOnThePageIsAdded() async throws {
    let (server, watch) = try await started([run("a", "Succeeded", created: 100)])
    server.setRuns([run("c", "Running", created: 200), run("a", "Succeeded", created: 100)])
    let update = await watch.poll()
    #expect(update.changes.map(\.kind) == [.added])
    #expect(update.replaced.map(\.id) == ["c"])
    // Now running: the next poll asks for it by id.
    server.setRuns([run("c", "Failed", created: 200), run("a", "Succeeded", created: 100)])
    let next = await watch.poll()
    #expect(next.changes.map(\.kind) == [.status(old: .running, new: .failed)])
  }

  @Test func aServerFailingTwiceThenRecovering() async throws {
    let outage = Outage()
    let (server, watch) = try await started([run("a", "Running", created: 100)], outage: outage)
    outage.isOn = true
    let first = await watch.poll()
    let since = try #require(first.offlineSince)
    #expect(first.replaced.isEmpty && first.removed.isEmpty)
    #expect(first.problems?.last?.message.contains("the database is down") == true)
    let second = await watch.poll()
    #expect(second.offlineSince == since)
    outage.isOn = false
    server.setRuns([run("a", "Succeeded", created: 100)])
    let back = await watch.poll()
    #expect(back.offlineSince == nil)
    #expect(back.problems == [])
    #expect(back.changes.map(\.kind) == [.status(old: .running, new: .succeeded)])
  }

  @Test func pollsBackOffWhileTheServerFails() async throws {
    let outage = Outage()
    let clock = TestClock()
    var options = KFPTestServer.Options(runs: [run("a", "Running", created: 100)])
    options.intercept = { _ in outage.isOn ? .apiError(status: 500, message: "down") : nil }
    let server = try KFPTestServer(options)
    let watch = ServerWatch(
      source: testSource(testOptions(server.baseURL)), interval: 10, clock: clock.now,
      sleep: { clock.advance($0) })
    _ = await watch.start()
    outage.isOn = true
    var pollTimes: [TimeInterval] = []
    for _ in 0..<80 {
      let before = server.requests.count
      _ = await watch.next()
      if server.requests.count > before { pollTimes.append(clock.elapsed) }
      if pollTimes.count == 4 { break }
    }
    // 10 s, then 10, 20, 40 s apart.
    #expect(pollTimes == [10, 20, 40, 80])
  }
}

/// A clock that moves only when slept on.
final class TestClock: @unchecked Sendable {
  private let lock = NSLock()
  private let start = Date(timeIntervalSince1970: 1_767_225_600)
  private var offset: TimeInterval = 0

  var elapsed: TimeInterval { lock.withLock { offset } }

  var now: @Sendable () -> Date {
    { [self] in lock.withLock { start.addingTimeInterval(offset) } }
  }

  func advance(_ seconds: TimeInterval) {
    lock.withLock { offset += seconds }
  }
}
