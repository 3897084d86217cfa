import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// The real application loop, driven through a scripted terminal: keys, resizes and loads in,
/// grids out.
@Suite struct AppLoopTests {
  static func newState() -> AppState {
    AppState(
      sourceDescription: "runs/", options: RenderOptions(color: false, timeZone: Fixture.utc))
  }

  static let everything = LoadResult(
    runs: Fixture.runs, experiments: [Fixture.baseline, Fixture.tuning])

  /// Keys work while the runs load: help opens and closes, the filter takes text; the runs
  /// then arrive into the same state.
  @Test func keysWhileLoading() async throws {
    let gate = Gate()
    let backend = ScriptedBackend([
      .waitFor("Loading runs from runs/…"),
      .key(.character("?")), .waitFor("this help"), .key(.escape),
      .key(.character("/")), .key(.character("v")), .key(.character("i")), .key(.enter),
      .run { gate.open() },
      .waitFor("vit-small"),
      .key(.character("q")),
    ])
    let (status, state) = await runLoop(Self.newState(), on: backend) { reporter in
      guard await gate.wait(untilOpened: 1) else { return LoadResult() }
      return Self.everything
    }
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(state.filterText == "vi")
    #expect(state.runs.count == Fixture.runs.count)
    #expect(!backend.screen.contains("resnet-lr-0.1"))
  }

  /// Batches show as they come, before the load finishes.
  @Test func batchesShowBeforeTheEnd() async throws {
    let gate = Gate()
    let backend = ScriptedBackend([
      .run { gate.open() }, .waitFor("resnet-lr-0.1"),
      .run { gate.open() }, .waitFor("vit-small"), .key(.control("c")),
    ])
    let (status, state) = await runLoop(Self.newState(), on: backend) { reporter in
      guard await gate.wait(untilOpened: 1) else { return LoadResult() }
      reporter.report(LoadResult(runs: Array(Fixture.runs.prefix(3))), total: 8)
      guard await gate.wait(untilOpened: 2) else { return LoadResult() }
      return Self.everything
    }
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(state.runs.count == Fixture.runs.count)
  }

  /// A resize redraws at the new size; an absurd size is capped instead of allocated.
  @Test func resizeFollowsTheTerminalAndIsCapped() async throws {
    let backend = ScriptedBackend(
      width: 100, height: 20,
      [
        .waitFor("resnet-lr-0.1"), .resize(width: 60, height: 12), .waitFor("resnet"),
        .resize(width: 20000, height: 20000), .waitFor("resnet"), .resize(width: 70, height: 10),
        .waitFor("resnet"), .key(.character("q")),
      ])
    let (status, _) = await runLoop(Self.newState(), on: backend) { _ in Self.everything }
    #expect(backend.failures == [])
    #expect(status == 0)
    let sizes = backend.frames.map { "\($0.width)x\($0.height)" }
    #expect(sizes.contains("60x12"))
    #expect(sizes.contains("\(AppLoop.maximumSide)x\(AppLoop.maximumSide)"))
    #expect(!sizes.contains("20000x20000"))
    let last = try #require(backend.frames.last)
    #expect(last.width == 70 && last.height == 10)
  }

  /// Ctrl-C quits from every screen, typing a filter included.
  @Test func controlCQuitsWhileTypingAFilter() async throws {
    let backend = ScriptedBackend([
      .waitFor("resnet"), .key(.character("/")), .key(.character("x")), .key(.control("c")),
    ])
    let (status, state) = await runLoop(Self.newState(), on: backend) { _ in Self.everything }
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(state.filterText == "x")
  }

  /// Ctrl-Z suspends through the backend, from any screen; afterwards the screen follows the
  /// size the terminal has then. `q` inside the filter prompt is text, not quit.
  @Test func controlZSuspendsAndTheSizeIsReadAgain() async throws {
    let backend = ScriptedBackend(
      width: 100, height: 20,
      [
        .waitFor("resnet"), .key(.character("/")), .key(.control("z")), .waitFor("resnet"),
        .key(.character("q")), .key(.escape), .key(.escape), .key(.character("q")),
      ])
    backend.sizeAfterSuspend = (80, 15)
    let (status, _) = await runLoop(Self.newState(), on: backend) { _ in Self.everything }
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(backend.suspensions == 1)
    let last = try #require(backend.frames.last)
    #expect(last.width == 80 && last.height == 15)
  }

  /// A source that cannot be read says why; `r` tries again and the runs come.
  @Test func aLoadErrorThenAReload() async throws {
    let attempts = Gate()
    let backend = ScriptedBackend([
      .waitFor("Could not read runs/."), .waitFor("Press r to try again."),
      .key(.character("r")), .waitFor("resnet-lr-0.1"), .key(.character("q")),
    ])
    let (status, state) = await runLoop(Self.newState(), on: backend) { _ in
      attempts.noteStart()
      if attempts.counts.started == 1 {
        let failure = Problem(
          location: "runs/", severity: .error, message: "cannot be opened: Permission denied")
        return LoadResult(problems: [failure], sourceFailure: failure)
      }
      return Self.everything
    }
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(attempts.counts.started == 2)
    #expect(state.loadFailure == nil)
    #expect(state.runs.count == Fixture.runs.count)
  }

  /// A timer fires on the loop's clock and can change the state (as watching will bring new
  /// runs); the frame is drawn again.
  @Test func timersFireOnTheInjectedClock() async throws {
    let start = ManualClock().now
    let timer = LoopTimer(interval: 5) { state, now in
      guard now.timeIntervalSince(start) >= 5, !state.runs.contains(where: { $0.id == "t" }) else {
        return (.none, false)
      }
      state.receive(
        LoadResult(runs: [Run(id: "t", name: "from-the-timer")]), loaded: 9, total: 9,
        finished: true)
      return (.none, true)
    }
    let backend = ScriptedBackend([
      .waitFor("resnet"), .waitFor("from-the-timer"), .key(.character("q")),
    ])
    let (status, state) = await runLoop(Self.newState(), on: backend, timers: [timer]) { _ in
      Self.everything
    }
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(state.runs.count == Fixture.runs.count + 1)
    // The clock moved only by the loop's waits, 100 ms per idle poll.
    #expect(backend.clock.now.timeIntervalSince(start) >= 5)
  }
}
