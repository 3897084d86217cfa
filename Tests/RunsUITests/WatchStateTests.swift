import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// Watch updates applied to the application state: markers, the cursor, the selection, the
/// status bar and `w`.
@Suite struct WatchStateTests {
  private func watching(height: Int = 12) -> AppState {
    var state = Fixture.state(width: 120, height: height)
    state.enableWatching(true)
    return state
  }

  private func changed(_ run: Run, _ edit: (inout Run) -> Void) -> Run {
    var copy = run
    edit(&copy)
    return copy
  }

  /// The update a source would send for `new` replacing `old`.
  private func update(_ pairs: [(Run?, Run?)]) -> RunsUpdate {
    var update = RunsUpdate()
    for (old, new) in pairs {
      if let new { update.replaced.append(new) } else if let old { update.removed.append(old.id) }
      update.changes += RunChange.between(old, new)
    }
    return update
  }

  private var r1: Run { Fixture.runs[0] }
  private var r4: Run { Fixture.runs[3] }

  @Test func markersAppearAndTheCursorAndSelectionStay() {
    var state = watching()
    Fixture.press(&state, .down, .down, .character(" "))
    let cursorRun = state.cursorRun?.id
    let line = state.cursor - state.firstRow
    let better = changed(r1) { $0.metrics[0].value = 0.93 }  // accuracy up
    let finished = changed(r4) {
      $0.status = .succeeded
      $0.finishedAt = Fixture.now
    }
    let new = Run(
      id: "r9", name: "new-run", status: .running, createdAt: Fixture.date(0.1),
      experiment: Fixture.tuning, metrics: [Fixture.metric("accuracy", 0.2, .percentage)])
    state.apply(update([(r1, better), (r4, finished), (nil, new)]), now: Fixture.now)
    #expect(state.cursorRun?.id == cursorRun)
    #expect(state.cursor - state.firstRow == line)
    #expect(state.selection.count == 1)
    #expect(state.runs.count == Fixture.runs.count + 1)
    #expect(state.watch.changedCount(at: Fixture.now) == 3)
    let grid = Fixture.render(state)
    expectSnapshot(grid, named: "watch-markers-120x12", styles: true)
  }

  @Test func aRemovedRunGoesAndTheStatusBarCountsIt() {
    var state = watching()
    state.apply(update([(r1, nil)]), now: Fixture.now)
    #expect(state.run(id: "r1") == nil)
    #expect(!Fixture.shownNames(state).contains("resnet-lr-0.1"))
    let bar = snapshotText(Fixture.render(state)).split(separator: "\n").last ?? ""
    #expect(bar.contains("watching · updated 12:00:00 · 1 removed"))
  }

  @Test func markersLastSixtySecondsOrUntilAQuietCycle() {
    var state = watching()
    let better = changed(r1) { $0.metrics[0].value = 0.93 }
    state.apply(update([(r1, better)]), now: Fixture.now)
    #expect(state.watch.marks(of: "r1", at: Fixture.now.addingTimeInterval(59)) != nil)
    #expect(state.watch.marks(of: "r1", at: Fixture.now.addingTimeInterval(60)) == nil)
    // Read again with nothing new: the marker goes.
    state.apply(RunsUpdate(replaced: [better]), now: Fixture.now.addingTimeInterval(2))
    #expect(state.watch.marks(of: "r1", at: Fixture.now.addingTimeInterval(2)) == nil)
  }

  @Test func wPausesAndResumingAppliesWhatArrived() {
    var state = watching()
    Fixture.press(&state, .character("w"))
    #expect(!state.watch.enabled)
    let better = changed(r1) { $0.metrics[0].value = 0.93 }
    state.apply(update([(r1, better)]), now: Fixture.now)
    #expect(state.run(id: "r1")?.value(of: "accuracy") == 0.91)
    let bar = snapshotText(Fixture.render(state)).split(separator: "\n").last ?? ""
    #expect(bar.contains("watch paused (w)"))
    Fixture.press(&state, .character("w"))
    #expect(state.run(id: "r1")?.value(of: "accuracy") == 0.93)
  }

  /// Without `--watch` the source is read as any other; the first `w` reads it again through
  /// its watch, which follows it from then on.
  @Test func theFirstWStartsTheWatchThenPausesIt() {
    var state = Fixture.state(width: 120, height: 12)
    state.enableWatching(false)
    #expect(!state.watch.started)
    #expect(state.handle(.character("w")) == .startWatching)
    #expect(state.watch.started && state.watch.enabled)
    #expect(state.loading.isLoading)
    #expect(state.handle(.character("w")) == .none)
    #expect(!state.watch.enabled)
    var watching = watching()
    #expect(watching.watch.started)
    #expect(watching.handle(.character("w")) == .none)
  }

  /// Compare follows the watch in place, with the same markers beside the changed values.
  @Test func compareShowsTheMarkers() {
    var state = watching(height: 20)
    state.selection = ["r1", "r2"]
    Fixture.press(&state, .character("c"))
    #expect(state.topScreen == .compare)
    let better = changed(r1) { $0.metrics[0].value = 0.93 }
    state.apply(update([(r1, better)]), now: Fixture.now)
    let text = snapshotText(Fixture.render(state))
    #expect(text.contains("93.000%▲"), "\(text)")
    #expect(text.contains("1 changed"))
    // Without a change the next cycle drops the marker.
    state.apply(RunsUpdate(replaced: [better]), now: Fixture.now.addingTimeInterval(2))
    #expect(!snapshotText(Fixture.render(state)).contains("▲"))
  }

  /// Details say what the watch changed, with the same markers.
  @Test func detailsSayWhatChanged() {
    var state = watching(height: 30)
    let row = state.shownIndices.firstIndex { state.runs[$0].id == "r1" } ?? 0
    state.moveCursor(to: row)
    Fixture.press(&state, .enter)
    #expect(state.details?.runID == "r1")
    let better = changed(r1) {
      $0.status = .failed
      $0.metrics[0].value = 0.93
    }
    state.apply(update([(r1, better)]), now: Fixture.now)
    let text = snapshotText(Fixture.render(state))
    #expect(text.contains("Changed"), "\(text)")
    #expect(text.contains("status"), "\(text)")
    #expect(text.contains("▲"), "\(text)")
  }

  /// In ASCII the markers are ASCII too.
  @Test func asciiMarkers() {
    var state = watching()
    state.options.asciiGlyphs = true
    let appeared = changed(r4) { $0.metrics.append(Fixture.metric("loss", 0.5)) }
    let better = changed(r1) { $0.metrics[0].value = 0.93 }
    state.apply(update([(r4, appeared), (r1, better)]), now: Fixture.now)
    let text = snapshotText(Fixture.render(state))
    #expect(text.contains("93.000%^"), "\(text)")
    #expect(text.contains("0.500~"), "\(text)")
    #expect(!text.contains("•") && !text.contains("▲"))
  }

  @Test func anOfflineSourceSaysSinceWhenAndKeepsTheRuns() {
    var state = watching()
    state.apply(RunsUpdate(offlineSince: Fixture.now.addingTimeInterval(-30)), now: Fixture.now)
    #expect(state.runs.count == Fixture.runs.count)
    let bar = snapshotText(Fixture.render(state)).split(separator: "\n").last ?? ""
    #expect(bar.contains("offline since 11:59:30 · retrying"))
  }

  /// `w` on a saved file or the demo says why nothing happens, until the next key.
  @Test func aSourceThatCannotBeWatchedSaysSo() {
    var state = Fixture.state(width: 120, height: 12)
    Fixture.press(&state, .character("w"))
    #expect(!state.watch.enabled)
    let bar = snapshotText(Fixture.render(state)).split(separator: "\n").last ?? ""
    #expect(bar.contains("cannot be watched: only a runs directory or a KFP server changes"))
    Fixture.press(&state, .down)
    #expect(!snapshotText(Fixture.render(state)).contains("watch"))
  }
}
