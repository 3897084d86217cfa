import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// The application loop with a watchable source: when the watch starts, and its changes on
/// screen.
@Suite struct WatchLoopTests {
  private static var better: Run {
    var run = Fixture.runs[0]
    run.metrics[0].value = 0.93
    return run
  }

  private static var betterUpdate: RunsUpdate {
    RunsUpdate(replaced: [better], changes: RunChange.between(Fixture.runs[0], better))
  }

  /// Without `--watch` the source loads as any other and nothing watches it; the first `w`
  /// loads it through its watch, whose changes then show with their markers.
  @Test func wStartsTheWatch() async {
    let watch = StubWatch(first: AppLoopTests.everything)
    var state = AppLoopTests.newState()
    state.enableWatching(false)
    let backend = ScriptedBackend([
      .awaitLoad, .waitFor("vit-small"),
      .run { _ in #expect(watch.starts == 0) },
      .key(.character("w")), .run { _ in watch.waitForStart() }, .waitFor("watching"),
      .run { _ in watch.push(Self.betterUpdate) }, .waitFor("1 changed"),
      .key(.character("q")),
    ])
    let (status, final) = await runLoop(
      state, on: backend, load: { _ in AppLoopTests.everything }, watch: watch)
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(watch.starts == 1)
    #expect(final.run(id: "r1")?.value(of: "accuracy") == 0.93)
    #expect(backend.screen.contains("93.000%▲"))
  }

  /// With `--watch` the first load is the watch's own; the source's load is not run. It is
  /// waited for in real time too: under AddressSanitizer the loop's manual clock ran out first.
  @Test(arguments: [0, 1.5])
  func withWatchTheFirstLoadIsTheWatchs(firstLoadSeconds: Double) async {
    let watch = StubWatch(first: AppLoopTests.everything, firstLoadSeconds: firstLoadSeconds)
    var state = AppLoopTests.newState()
    state.enableWatching(true)
    let loads = LoadCounter()
    let backend = ScriptedBackend([
      .run { _ in watch.waitForStart() }, .waitFor("vit-small"),
      .run { _ in watch.push(Self.betterUpdate) }, .waitFor("1 changed"),
      .key(.character("q")),
    ])
    let (status, _) = await runLoop(
      state, on: backend,
      load: { _ in
        loads.add()
        return AppLoopTests.everything
      }, watch: watch)
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(watch.starts == 1)
    #expect(loads.value == 0)
  }
}

/// A watch whose first load and updates the test gives.
final class StubWatch: RunsWatch, @unchecked Sendable {
  private let lock = NSLock()
  private let first: LoadResult
  private var queued: [RunsUpdate] = []
  private var started = 0
  /// Real seconds the first load takes (a slow machine, a sanitizer).
  private let firstLoadSeconds: Double

  init(first: LoadResult, firstLoadSeconds: Double = 0) {
    self.first = first
    self.firstLoadSeconds = firstLoadSeconds
  }

  var starts: Int { lock.withLock { started } }

  func start() async -> LoadResult {
    lock.withLock { started += 1 }
    try? await Task.sleep(nanoseconds: UInt64(firstLoadSeconds * 1_000_000_000))
    return first
  }

  func next() async -> RunsUpdate {
    if let update = lock.withLock({ queued.isEmpty ? nil : queued.removeFirst() }) {
      return update
    }
    try? await Task.sleep(nanoseconds: 5_000_000)
    return RunsUpdate()
  }

  /// Hands `update` to the next cycle, and waits (in real time) until the loop can have it.
  func push(_ update: RunsUpdate) {
    lock.withLock { queued.append(update) }
    wait { self.lock.withLock { self.queued.isEmpty } }
  }

  /// Waits (in real time) until the watch has started.
  func waitForStart() { wait { self.starts > 0 } }

  private func wait(until done: () -> Bool) {
    let deadline = Date() + 60
    while !done(), Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
    Thread.sleep(forTimeInterval: 0.02)
  }
}

/// A count shared with a load running elsewhere.
private final class LoadCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  var value: Int { lock.withLock { count } }
  func add() { lock.withLock { count += 1 } }
}
