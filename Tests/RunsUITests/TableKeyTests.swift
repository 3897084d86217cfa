import Foundation
import RunsCore
import Testing

@testable import RunsUI

@Suite struct TableKeyTests {
  @Test func defaultSortIsStartTimeNewestFirst() throws {
    let state = Fixture.state()
    #expect(state.sort == .default)
    let times = try state.shownIndices.map { try #require(state.runs[$0].createdAt) }
    #expect(times == times.sorted(by: >))
  }

  @Test func numberKeySortsByVisibleColumnAndAgainReverses() {
    var state = Fixture.state()
    Fixture.press(&state, .character("1"))
    #expect(state.sort == RunsCore.SortOrder(column: .name, ascending: true))
    let names = Fixture.shownNames(state)
    #expect(names.first == "evil\u{1B}[31mname")
    #expect(names.last == "vit-small")
    Fixture.press(&state, .character("1"))
    #expect(state.sort == RunsCore.SortOrder(column: .name, ascending: false))
    #expect(Fixture.shownNames(state) == names.reversed())
  }

  @Test func numberKeyCountsVisibleColumnsOnly() {
    // At 160 columns: 1 name, 2 status, 3 duration, 4 experiment, 5 pipeline, 6 start, 7 accuracy.
    var wide = Fixture.state()
    Fixture.press(&wide, .character("7"))
    #expect(wide.sort.column == .metric("accuracy"))
    // At 60 columns Duration, Experiment, Pipeline and Start time are hidden: 3 is accuracy.
    var narrow = Fixture.state(width: 60, height: 15)
    Fixture.press(&narrow, .character("3"))
    #expect(narrow.sort.column == .metric("accuracy"))
    // A number past the last visible column does nothing.
    Fixture.press(&narrow, .character("9"))
    #expect(narrow.sort.column == .metric("accuracy"))
  }

  @Test func metricSortPutsMissingValuesLastBothWays() {
    var state = Fixture.state()
    Fixture.press(&state, .character("7"))  // accuracy: higher is better, so descending first
    #expect(state.sort == RunsCore.SortOrder(column: .metric("accuracy"), ascending: false))
    let withAccuracy = Set(["r1", "r2", "r4", "r5", "r6"])
    func ids() -> [String] { state.shownIndices.map { state.runs[$0].id } }
    #expect(Set(ids().prefix(5)) == withAccuracy)
    #expect(
      ids().prefix(5).map { state.run(id: $0)!.value(of: "accuracy")! } == [
        0.97, 0.95, 0.91, 0.5, 0.1,
      ])
    Fixture.press(&state, .character("7"))
    #expect(state.sort.ascending)
    #expect(Set(ids().prefix(5)) == withAccuracy)
    #expect(
      ids().prefix(5).map { state.run(id: $0)!.value(of: "accuracy")! } == [
        0.1, 0.5, 0.91, 0.95, 0.97,
      ])
  }

  @Test func sKeySortsByColumnCursor() {
    var state = Fixture.state()
    #expect(state.columnCursor == .name)
    Fixture.press(&state, .right, .right)
    #expect(state.columnCursor == .duration)
    Fixture.press(&state, .character("s"))
    #expect(state.sort == RunsCore.SortOrder(column: .duration, ascending: false))
    #expect(Fixture.shownNames(state).first == "vit-base-with-a-very-long-name-that-does-not-fit")
    Fixture.press(&state, .character("s"))
    #expect(state.sort == RunsCore.SortOrder(column: .duration, ascending: true))
    Fixture.press(&state, .left, .left, .left)
    #expect(state.columnCursor == .name)
  }

  @Test func columnCursorStopsAtTheEdges() {
    var state = Fixture.state()
    for _ in 0..<20 { Fixture.press(&state, .character("l")) }
    #expect(state.columnCursor == .metric("f1"))
    for _ in 0..<20 { Fixture.press(&state, .character("h")) }
    #expect(state.columnCursor == .name)
  }

  @Test func cursorMovesAndClamps() {
    var state = Fixture.state()
    #expect(state.cursor == 0)
    Fixture.press(&state, .character("j"), .down)
    #expect(state.cursor == 2)
    Fixture.press(&state, .character("k"))
    #expect(state.cursor == 1)
    Fixture.press(&state, .character("G"))
    #expect(state.cursor == 7)
    Fixture.press(&state, .down)
    #expect(state.cursor == 7)
    Fixture.press(&state, .character("g"))
    #expect(state.cursor == 0)
    Fixture.press(&state, .up)
    #expect(state.cursor == 0)
    Fixture.press(&state, .end)
    #expect(state.cursor == 7)
    Fixture.press(&state, .home)
    #expect(state.cursor == 0)
  }

  @Test func pageKeysMoveByAScreen() {
    let runs = (0..<100).map {
      Run(id: "run-\($0)", name: "run-\($0)", createdAt: Fixture.date(Double($0)))
    }
    var state = Fixture.state(width: 80, height: 12, runs: runs)  // 10 table rows
    Fixture.press(&state, .pageDown)
    #expect(state.cursor == 10)
    Fixture.press(&state, .pageDown, .pageDown)
    #expect(state.cursor == 30)
    Fixture.press(&state, .pageUp)
    #expect(state.cursor == 20)
    let grid = Fixture.render(state)
    // The cursor row is on screen and drawn reversed.
    let row = grid.lines.firstIndex { $0.contains("run-20 ") }!
    #expect(grid[3, row].style.reverse)
  }

  @Test func spaceTogglesSelectionAndAllSelectsShownThenClears() {
    var state = Fixture.state()
    Fixture.press(&state, .character(" "))
    #expect(state.selection == ["r7"])
    Fixture.press(&state, .character(" "))
    #expect(state.selection.isEmpty)
    Fixture.press(&state, .character("/"))
    Fixture.type(&state, "resnet")
    Fixture.press(&state, .enter, .character("a"))
    #expect(state.selection == ["r1", "r2", "r3"])
    Fixture.press(&state, .character("a"))
    #expect(state.selection.isEmpty)
  }

  @Test func selectionSurvivesSortFilterAndReload() {
    var state = Fixture.state()
    Fixture.press(&state, .down, .character(" "), .down, .down, .character(" "))
    let selected = state.selection
    #expect(selected.count == 2)
    Fixture.press(&state, .character("1"), .character("1"), .character("7"))
    #expect(state.selection == selected)
    Fixture.press(&state, .character("/"))
    Fixture.type(&state, "zzz")
    #expect(state.shownIndices.isEmpty)
    Fixture.press(&state, .escape)
    #expect(state.selection == selected)
    #expect(Fixture.press(&state, .character("r")) == .reload)
    state.receive(LoadResult(runs: Fixture.runs), loaded: 8, total: 8, finished: true)
    #expect(state.selection == selected)
  }

  @Test func reloadDropsRunsThatAreGoneAndTheirSelection() {
    var state = Fixture.state()
    Fixture.press(&state, .character("a"))
    #expect(state.selection.count == 8)
    #expect(Fixture.press(&state, .character("r")) == .reload)
    #expect(state.loading.isLoading)
    // The old runs stay on screen until the new load says otherwise.
    #expect(state.runs.count == 8)
    let kept = Array(Fixture.runs.prefix(3))
    state.receive(LoadResult(runs: kept), loaded: 3, total: 3, finished: false)
    #expect(state.runs.count == 8)
    state.receive(LoadResult(runs: kept), loaded: 3, total: 3, finished: true)
    #expect(state.runs.map(\.id) == ["r1", "r2", "r3"])
    #expect(state.selection == ["r1", "r2", "r3"])
    #expect(!state.loading.isLoading)
  }

  @Test func aFailedReloadKeepsTheRuns() {
    var state = Fixture.state()
    Fixture.press(&state, .character("a"), .character("r"))
    let failure = Problem(location: "http://kfp", severity: .error, message: "Timed out.")
    state.receive(
      LoadResult(problems: [failure], sourceFailure: failure), loaded: 0, total: nil,
      finished: true)
    #expect(state.runs.count == 8)
    #expect(state.selection.count == 8)
    #expect(state.problems == [failure])
  }

  @Test func reloadReplacesProblems() {
    var state = Fixture.state(problems: Fixture.problems)
    #expect(state.problems.count == 2)
    Fixture.press(&state, .character("r"))
    state.receive(
      LoadResult(runs: Fixture.runs, problems: [Fixture.problems[1]]), loaded: 8, total: 8,
      finished: true)
    #expect(state.problems == [Fixture.problems[1]])
  }

  @Test func filterTypesLiveEnterKeepsEscClears() {
    var state = Fixture.state()
    Fixture.press(&state, .character("/"))
    #expect(state.topScreen == .filterInput)
    Fixture.type(&state, "VIT")
    #expect(
      Fixture.shownNames(state) == [
        "vit-small", "vit-base-with-a-very-long-name-that-does-not-fit",
      ])
    Fixture.type(&state, "-s")
    #expect(Fixture.shownNames(state) == ["vit-small"])
    Fixture.press(&state, .backspace, .backspace)
    #expect(state.filterText == "VIT")
    Fixture.press(&state, .control("u"))
    #expect(state.filterText.isEmpty)
    Fixture.type(&state, "VITx")
    Fixture.press(&state, .delete)
    #expect(state.shownIndices.count == 2)
    Fixture.press(&state, .enter)
    #expect(state.topScreen == .table)
    #expect(state.filterText == "VIT")
    #expect(state.shownIndices.count == 2)
    // Keys typed in the filter are text, not commands.
    Fixture.press(&state, .character("/"))
    Fixture.type(&state, "q")
    #expect(state.topScreen == .filterInput)
    #expect(state.filterText == "VITq")
    Fixture.press(&state, .escape)
    #expect(state.topScreen == .table)
    #expect(state.filterText.isEmpty)
    #expect(state.shownIndices.count == 8)
  }

  @Test func longFilterTextShowsItsEnd() {
    var state = Fixture.state(width: 60, height: 15)
    Fixture.press(&state, .character("/"))
    Fixture.type(&state, "a-very-long-filter-text-that-goes-on-and-on-END")
    let line = Fixture.render(state).statusLine
    #expect(line.hasPrefix("/…"))
    #expect(line.contains("on-END▏"))
  }

  @Test func escOnTheTableClearsAKeptFilter() {
    var state = Fixture.state()
    Fixture.press(&state, .character("/"))
    Fixture.type(&state, "resnet")
    Fixture.press(&state, .enter)
    #expect(state.shownIndices.count == 3)
    Fixture.press(&state, .escape)
    #expect(state.filterText.isEmpty)
    #expect(state.shownIndices.count == 8)
  }

  @Test func filterDoesNotChangeMetricColumns() {
    var state = Fixture.state()
    #expect(state.metricColumns == ["accuracy", "loss", "f1"])
    Fixture.press(&state, .character("/"))
    Fixture.type(&state, "resnet-lr-1")
    #expect(Fixture.shownNames(state) == ["resnet-lr-1.0"])
    #expect(state.metricColumns == ["accuracy", "loss", "f1"])
  }

  @Test func cursorKeepsItsRunWhenABatchLands() {
    var state = AppState(
      sourceDescription: "runs/", options: RenderOptions(timeZone: Fixture.utc), width: 100,
      height: 20)
    let older = Array(Fixture.runs.prefix(3))  // created 30, 28, 26 hours ago
    state.receive(LoadResult(runs: older), loaded: 3, total: 8, finished: false)
    Fixture.press(&state, .down)
    #expect(state.cursorRun?.id == "r2")
    #expect(state.cursor == 1)
    // Newer runs land and sort above the cursor run.
    state.receive(
      LoadResult(runs: Array(Fixture.runs.dropFirst(3))), loaded: 8, total: 8, finished: true)
    #expect(state.cursorRun?.id == "r2")
    #expect(state.cursor == Fixture.shownNames(state).firstIndex(of: "resnet-lr-0.01"))
    #expect(state.cursor > 1)
  }

  @Test func smallPagesOfABigSourceWaitForTheNextRebuild() throws {
    let count = AppState.alwaysRebuildBelow + 1000
    let old = (0..<count).map {
      Run(id: "old-\($0)", name: "old-\($0)", createdAt: Fixture.date(Double(100 + $0)))
    }
    var state = Fixture.state(width: 80, height: 12, runs: old)
    let page = (0..<50).map {
      Run(id: "new-\($0)", name: "new-\($0)", createdAt: Fixture.date(Double($0)))
    }
    state.receive(LoadResult(runs: page), loaded: count + 50, total: 2 * count, finished: false)
    // Shown at once, at the end (not yet sorted in); the cursor stays where it was.
    #expect(state.shownIndices.count == count + 50)
    #expect(state.runs[try #require(state.shownIndices.last)].id == "new-49")
    #expect(state.cursorRun?.id == "old-0")
    // The filter applies to them already.
    Fixture.press(&state, .character("/"))
    Fixture.type(&state, "new-4")
    #expect(Set(Fixture.shownNames(state)) == Set(["new-4"] + (40...49).map { "new-\($0)" }))
    Fixture.press(&state, .escape)
    // Any sort (or the end of the load) sorts them in: they are the newest.
    state.receive(LoadResult(), loaded: count + 50, total: count + 50, finished: true)
    #expect(state.runs[try #require(state.shownIndices.first)].id == "new-0")
    #expect(state.shownIndices.count == count + 50)
  }

  @Test func aNewSortPutsTheCursorOnTheFirstRowAndTheViewAtTheTop() {
    // The newest run (the cursor's at start) lacks the metric: sorted by it, it goes last.
    let runs = (0..<200).map { index in
      Run(
        id: "run-\(index)", name: "run-\(index)", createdAt: Fixture.date(Double(index)),
        metrics: index.isMultiple(of: 2)
          ? [] : [Fixture.metric("score", Double(index) / 1000, .percentage)])
    }
    var state = Fixture.state(width: 60, height: 8, runs: runs)
    Fixture.press(&state, .down, .down)
    Fixture.press(&state, .character("4"))
    #expect(state.cursor == 0)
    #expect(state.cursorRun?.id == "run-199")
    expectSnapshot(Fixture.render(state), named: "sorted-cursor-top-60x8")
    // Reversing is a new sort too; a mouse click on a header as well.
    Fixture.press(&state, .pageDown, .character("4"))
    #expect(state.cursorRun?.id == "run-1")
    Fixture.press(&state, .pageDown)
    Fixture.press(&state, .mouse(MouseEvent(kind: .leftClick, x: 3, y: 0)))
    #expect(state.cursor == 0)
    #expect(state.cursorRun?.id == Fixture.shownNames(state).first)
    // Enter right after sorting opens the first row's run.
    Fixture.press(&state, .character("4"), .enter)
    #expect(state.details?.runID == "run-199")
  }

  @Test func barsToggle() {
    var state = Fixture.state()
    #expect(state.barsOn)
    Fixture.press(&state, .character("b"))
    #expect(!state.barsOn)
    Fixture.press(&state, .character("b"))
    #expect(state.barsOn)
  }

  @Test func quitKeys() {
    var state = Fixture.state()
    #expect(Fixture.press(&state, .character("?")) == .none)
    #expect(state.topScreen == .help)
    // q is back off the table.
    #expect(Fixture.press(&state, .character("q")) == .none)
    #expect(state.topScreen == .table)
    #expect(Fixture.press(&state, .character("q")) == .quit)
    // Ctrl-C quits from anywhere, text input included.
    Fixture.press(&state, .character("/"))
    #expect(Fixture.press(&state, .control("c")) == .quit)
    var compare = Fixture.state()
    Fixture.press(&compare, .character("c"))
    #expect(Fixture.press(&compare, .control("c")) == .quit)
  }

  @Test func escGoesBackOneScreenAtATime() {
    var state = Fixture.state()
    Fixture.press(&state, .character("c"), .enter, .character("?"))
    #expect(state.screens == [.table, .compare, .details, .help])
    Fixture.press(&state, .escape)
    #expect(state.screens == [.table, .compare, .details])
    Fixture.press(&state, .escape)
    #expect(state.screens == [.table, .compare])
    Fixture.press(&state, .escape)
    #expect(state.screens == [.table])
    #expect(Fixture.press(&state, .escape) == .none)
    #expect(state.screens == [.table])
  }

  @Test func enterOpensDetailsOfTheCursorRun() {
    var state = Fixture.state()
    Fixture.press(&state, .down, .enter)
    #expect(state.topScreen == .details)
    let grid = Fixture.render(state)
    #expect(grid.lines[0].hasPrefix("Run vit-small"))
  }

  @Test func problemsAndHelpOpenAndScroll() throws {
    var state = Fixture.state(width: 80, height: 10, problems: Fixture.problems)
    Fixture.press(&state, .character("!"))
    #expect(state.topScreen == .problems)
    Fixture.press(&state, .escape, .character("?"))
    #expect(state.topScreen == .help)
    let before = Fixture.render(state).lines
    Fixture.press(&state, .pageDown)
    let after = Fixture.render(state).lines
    #expect(before != after)
    Fixture.press(&state, .character("G"))
    // The last help line is on screen at the bottom.
    let last = try #require(HelpScreen.lines.last).map(\.text).joined()
    #expect(
      Fixture.render(state).lines.contains {
        $0.contains(last.trimmingCharacters(in: .whitespaces))
      })
  }

  @Test func resizeChangesTheLayout() {
    var state = Fixture.state()
    Fixture.press(&state, .resize(width: 60, height: 15))
    #expect(state.width == 60)
    #expect(state.height == 15)
    Fixture.press(&state, .character("3"))
    #expect(state.sort.column == .metric("accuracy"))
  }

  @Test func unboundKeysDoNothing() {
    var state = Fixture.state()
    let before = Fixture.render(state)
    for key: Key in [.character("Z"), .function(9), .tab, .backTab, .delete, .control("x")] {
      #expect(Fixture.press(&state, key) == .none)
    }
    #expect(Fixture.render(state) == before)
  }
}
