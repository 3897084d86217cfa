import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// The real application loop, driven through a scripted terminal: keys, resizes and load
/// reports in, grids out.
@Suite struct AppLoopTests {
  static func newState() -> AppState {
    AppState(
      sourceDescription: "runs/", options: RenderOptions(color: false, timeZone: Fixture.utc))
  }

  static let everything = LoadResult(
    runs: Fixture.runs, experiments: [Fixture.baseline, Fixture.tuning])

  /// Keys work while the runs load: help opens and closes, the filter takes text; the runs
  /// then arrive into the same state. No timer runs, so every frame is one a key asked for.
  @Test func keysWhileLoading() async throws {
    let backend = ScriptedBackend([
      .waitFor("Loading runs from runs/…"),
      .key(.character("?")), .waitFor("this help"), .key(.escape),
      .key(.character("/")), .key(.character("v")), .key(.character("i")), .key(.enter),
      .waitFor("Loading runs from runs/…"),
      .finish(Self.everything), .waitFor("vit-small"),
      .key(.character("q")),
    ])
    let (status, state) = await runLoop(Self.newState(), on: backend, timers: [])
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(state.filterText == "vi")
    #expect(state.runs.count == Fixture.runs.count)
    #expect(!backend.screen.contains("resnet-lr-0.1"))
  }

  /// Batches show as they come, before the load finishes, with the count so far.
  @Test func batchesShowBeforeTheEnd() async throws {
    let backend = ScriptedBackend([
      .report(LoadResult(runs: Array(Fixture.runs.prefix(3))), total: 8),
      .waitFor("loaded 3 of 8"), .waitFor(Fixture.runs[2].name),
      .finish(Self.everything), .waitFor("vit-small"), .key(.control("c")),
    ])
    let (status, state) = await runLoop(Self.newState(), on: backend)
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(state.runs.count == Fixture.runs.count)
  }

  /// A load running in the background, as in the application, reaches the screen.
  @Test func aBackgroundLoadReachesTheScreen() async throws {
    let backend = ScriptedBackend([
      .awaitLoad, .waitFor("vit-small"), .key(.character("q")),
    ])
    let (status, state) = await runLoop(Self.newState(), on: backend) { reporter in
      reporter.report(LoadResult(runs: Array(Fixture.runs.prefix(2))))
      return Self.everything
    }
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(state.runs.count == Fixture.runs.count)
    #expect(!state.loading.isLoading)
  }

  /// A resize redraws at the new size; an absurd size is capped instead of allocated.
  @Test func resizeFollowsTheTerminalAndIsCapped() async throws {
    let backend = ScriptedBackend(
      width: 100, height: 20,
      [
        .finish(Self.everything), .waitFor("resnet-lr-0.1"), .resize(width: 60, height: 12),
        .waitFor("resnet"), .resize(width: 20000, height: 20000), .waitFor("resnet"),
        .resize(width: 70, height: 10), .waitFor("resnet"), .key(.character("q")),
      ])
    let (status, _) = await runLoop(Self.newState(), on: backend)
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
      .finish(Self.everything), .waitFor("resnet"), .key(.character("/")),
      .key(.character("x")), .key(.control("c")),
    ])
    let (status, state) = await runLoop(Self.newState(), on: backend)
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
        .finish(Self.everything), .waitFor("resnet"), .key(.character("/")),
        .key(.control("z")), .waitFor("resnet"), .key(.character("q")), .key(.escape),
        .key(.escape), .key(.character("q")),
      ])
    backend.sizeAfterSuspend = (80, 15)
    let (status, _) = await runLoop(Self.newState(), on: backend)
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(backend.suspensions == 1)
    let last = try #require(backend.frames.last)
    #expect(last.width == 80 && last.height == 15)
  }

  /// A source that cannot be read says why; `r` tries again and the runs come.
  @Test func aLoadErrorThenAReload() async throws {
    let failure = Problem(
      location: "runs/", severity: .error, message: "cannot be opened: Permission denied")
    let backend = ScriptedBackend([
      .finish(LoadResult(problems: [failure], sourceFailure: failure)),
      .waitFor("Could not read runs/."), .waitFor("Press r to try again."),
      .key(.character("r")), .finish(Self.everything), .waitFor("resnet-lr-0.1"),
      .key(.character("q")),
    ])
    let (status, state) = await runLoop(Self.newState(), on: backend)
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(backend.loads.count == 2)
    #expect(state.loadFailure == nil)
    #expect(state.runs.count == Fixture.runs.count)
  }

  /// `r` during a load cancels it at once, and whatever it still reports is dropped.
  @Test func aReloadSupersedesTheLoadUnderWay() async throws {
    let stale = Run(id: "stale", name: "from-the-old-load")
    let backend = ScriptedBackend([
      .report(LoadResult(runs: [Fixture.runs[0]]), total: 8), .waitFor("loaded 1 of 8"),
      .key(.character("r")),
      .run { $0.loads.first?.report(LoadResult(runs: [stale])) },
      .run { $0.loads.first?.finish(LoadResult(runs: [stale])) },
      .finish(Self.everything), .waitFor("vit-small"), .key(.character("q")),
    ])
    let (status, state) = await runLoop(Self.newState(), on: backend)
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(backend.loads.count == 2)
    // The first load was cancelled by `r`, the second when the loop ended.
    #expect(backend.cancellations == 2)
    #expect(!state.runs.contains { $0.id == "stale" })
    #expect(!backend.frames.contains { $0.lines.joined().contains("from-the-old-load") })
  }

  /// `y` puts the run id on the terminal's clipboard; `>` hands the export to the writer, asks
  /// before replacing a file, and shows what was written.
  @Test func copyAndExportAreCarriedOut() async throws {
    let export = ExportRecorder([.exists(path: "/tmp/t.csv"), .written(path: "/tmp/t.csv")])
    let backend = ScriptedBackend([
      .finish(Self.everything), .waitFor("resnet"), .key(.character("y")),
      .waitFor("copied run id"), .key(.character(">")), .key(.enter), .key(.character("y")),
      .waitFor("wrote 8 runs to /tmp/t.csv"), .key(.character("q")),
    ])
    let (status, _) = await runLoop(Self.newState(), on: backend, export: export)
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(backend.copied.count == 1)
    #expect(export.jobs.map(\.overwrite) == [false, true])
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
      .finish(Self.everything), .waitFor("resnet"), .waitFor("from-the-timer"),
      .key(.character("q")),
    ])
    let (status, state) = await runLoop(Self.newState(), on: backend, timers: [timer])
    #expect(backend.failures == [])
    #expect(status == 0)
    #expect(state.runs.count == Fixture.runs.count + 1)
    // The clock moved only by the loop's waits, 100 ms per idle poll.
    #expect(backend.clock.now.timeIntervalSince(start) >= 5)
  }
}
