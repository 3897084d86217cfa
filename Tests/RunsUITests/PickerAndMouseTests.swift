import Foundation
import RunsCore
import Testing

@testable import RunsUI

@Suite struct PickerTests {
  @Test func experimentPickerChangesTheScope() {
    var state = Fixture.state()
    #expect(TableLayout(state, width: 160).index(of: .experiment) != nil)
    Fixture.press(&state, .character("e"))
    #expect(state.topScreen == .experimentPicker)
    let grid = Fixture.render(state)
    #expect(grid.lines.contains { $0.contains("All runs") && $0.contains("8 runs") })
    #expect(grid.lines.contains { $0.contains("baseline") && $0.contains("3 runs") })
    #expect(grid.lines.contains { $0.contains("tuning") && $0.contains("4 runs") })
    Fixture.press(&state, .down, .down, .enter)
    #expect(state.topScreen == .table)
    #expect(state.scope == .experiment("exp-2"))
    #expect(Set(state.shownIndices.map { state.runs[$0].id }) == ["r4", "r5", "r6", "r7"])
    // One experiment in scope: the Experiment column is hidden.
    #expect(TableLayout(state, width: 160).index(of: .experiment) == nil)
    #expect(Fixture.render(state).statusLine.contains("experiment tuning"))
    // Metric columns follow the scope: tuning has accuracy ×3, loss and bleu ×1.
    #expect(state.metricColumns == ["accuracy", "bleu", "loss"])
    // Back to all runs.
    Fixture.press(&state, .character("e"), .home, .enter)
    #expect(state.scope == .all)
    #expect(state.shownIndices.count == 8)
  }

  @Test func experimentPickerEscCancels() {
    var state = Fixture.state()
    Fixture.press(&state, .character("e"), .down, .escape)
    #expect(state.topScreen == .table)
    #expect(state.scope == .all)
  }

  @Test func initialExperimentByName() {
    var state = AppState(
      sourceDescription: "runs/", experiment: "baseline",
      options: RenderOptions(timeZone: Fixture.utc))
    state.receive(LoadResult(runs: Fixture.runs), loaded: 8, total: 8, finished: true)
    #expect(state.shownIndices.count == 3)
    #expect(TableScreen.emptyMessage(state).first?.contains("No run name") == true)
  }

  @Test func experimentByNameFindsRunsThatOnlyCarryTheID() {
    var state = AppState(
      sourceDescription: "https://kfp", sourceKind: .server, experiment: "baseline",
      options: RenderOptions(timeZone: Fixture.utc))
    let idOnly = Fixture.runs.map { run -> Run in
      var run = run
      run.experiment = run.experiment.map { ExperimentRef(id: $0.id, name: $0.id) }
      return run
    }
    state.receive(
      LoadResult(runs: idOnly, experiments: [Fixture.baseline, Fixture.tuning]), loaded: 8,
      total: 8, finished: true)
    #expect(Set(state.shownIndices.map { state.runs[$0].id }) == ["r1", "r2", "r3"])
  }

  @Test func emptyScopeSaysSo() {
    var state = AppState(
      sourceDescription: "runs/", experiment: "nope", options: RenderOptions(timeZone: Fixture.utc))
    state.receive(LoadResult(runs: Fixture.runs), loaded: 8, total: 8, finished: true)
    let text = Fixture.render(state).lines.joined(separator: "\n")
    #expect(text.contains("No runs in experiment nope."))
    #expect(text.contains("Press e to pick another experiment."))
  }

  @Test func metricPickerKeepsTheOrderOfChoice() {
    var state = Fixture.state()
    Fixture.press(&state, .character("m"))
    #expect(state.topScreen == .metricPicker)
    // Items: accuracy 5, loss 5, f1 2, bleu 1 — the shown three start checked.
    Fixture.press(&state, .character("c"))  // uncheck all
    Fixture.press(&state, .end, .up, .up, .up, .character(" "))  // bleu
    Fixture.press(&state, .home, .character(" "))  // accuracy
    let grid = Fixture.render(state)
    #expect(grid.lines.contains { $0.contains("[1]  bleu") })
    #expect(grid.lines.contains { $0.contains("[2]  accuracy") })
    Fixture.press(&state, .enter)
    #expect(state.metricColumns == ["bleu", "accuracy"])
    #expect(state.chosenMetrics == ["bleu", "accuracy"])
    #expect(Fixture.render(state).lines[0].contains("bleu"))
    // Any count: all four.
    Fixture.press(&state, .character("m"), .down, .character(" "), .down, .character(" "), .enter)
    #expect(state.metricColumns == ["bleu", "accuracy", "loss", "f1"])
  }

  @Test func metricPickerEmptyChoiceMeansTopThree() {
    var state = Fixture.state(metricsOverride: ["bleu"])
    #expect(state.metricColumns == ["bleu"])
    Fixture.press(&state, .character("m"), .character("c"), .enter)
    #expect(state.chosenMetrics == nil)
    #expect(state.metricColumns == ["accuracy", "loss", "f1"])
  }

  @Test func metricPickerEscCancels() {
    var state = Fixture.state()
    Fixture.press(&state, .character("m"), .character("c"), .escape)
    #expect(state.metricColumns == ["accuracy", "loss", "f1"])
  }

  @Test func metricColumnsScrollWithTheColumnCursor() {
    var state = Fixture.state(width: 50, height: 15)
    Fixture.press(&state, .character("m"), .end, .up, .up, .up, .character(" "), .enter)
    #expect(state.metricColumns.count == 4)
    var layout = TableLayout(state, width: 50)
    #expect(layout.moreRight)
    for _ in 0..<10 { Fixture.press(&state, .right) }
    #expect(state.columnCursor == .metric("bleu"))
    layout = TableLayout(state, width: 50)
    #expect(layout.index(of: .metric("bleu")) != nil)
    #expect(layout.moreLeft)
    #expect(Fixture.render(state).lines[0].contains("bleu"))
    for _ in 0..<10 { Fixture.press(&state, .left) }
    #expect(state.columnCursor == .name)
    #expect(!TableLayout(state, width: 50).moreLeft)
  }
}

@Suite struct MouseTests {
  @Test func headerClickSortsAndAgainReverses() {
    var state = Fixture.state()
    let layout = TableLayout(state, width: 160)
    let loss = layout.columns[layout.index(of: .metric("loss"))!]
    Fixture.press(&state, .mouse(MouseEvent(kind: .leftClick, x: loss.x + 1, y: 0)))
    // loss is a cost: lowest first.
    #expect(state.sort == RunsCore.SortOrder(column: .metric("loss"), ascending: true))
    #expect(Fixture.shownNames(state).first == "vit-base-with-a-very-long-name-that-does-not-fit")
    Fixture.press(&state, .mouse(MouseEvent(kind: .leftClick, x: loss.x + loss.width - 1, y: 0)))
    #expect(state.sort == RunsCore.SortOrder(column: .metric("loss"), ascending: false))
  }

  @Test func rowClickMovesTheCursorAndMarkClickSelects() throws {
    var state = Fixture.state()
    Fixture.press(&state, .mouse(MouseEvent(kind: .leftClick, x: 10, y: 3)))
    #expect(state.cursor == 2)
    #expect(state.selection.isEmpty)
    Fixture.press(&state, .mouse(MouseEvent(kind: .leftClick, x: 0, y: 4)))
    #expect(state.cursor == 3)
    #expect(state.selection == [try #require(state.cursorRun).id])
    // Below the last run: nothing.
    Fixture.press(&state, .mouse(MouseEvent(kind: .leftClick, x: 10, y: 30)))
    #expect(state.cursor == 3)
  }

  @Test func wheelScrolls() {
    let runs = (0..<50).map {
      Run(id: "run-\($0)", name: "run-\($0)", createdAt: Fixture.date(Double($0)))
    }
    var state = Fixture.state(width: 80, height: 12, runs: runs)
    Fixture.press(&state, .mouse(MouseEvent(kind: .wheelDown, x: 5, y: 5)))
    var grid = Fixture.render(state)
    #expect(grid.lines[1].hasPrefix("  run-3 "))
    // The cursor was pushed along to stay on screen.
    #expect(state.cursor == 3)
    Fixture.press(&state, .mouse(MouseEvent(kind: .wheelUp, x: 5, y: 5)))
    grid = Fixture.render(state)
    #expect(grid.lines[1].hasPrefix("  run-0 "))
  }

  @Test func wheelScrollsOtherScreens() {
    var state = Fixture.state(width: 80, height: 10)
    Fixture.press(&state, .character("?"))
    let before = Fixture.render(state)
    Fixture.press(&state, .mouse(MouseEvent(kind: .wheelDown, x: 5, y: 5)))
    #expect(Fixture.render(state) != before)
  }

  @Test func pickerClickMovesItsCursor() {
    var state = Fixture.state()
    Fixture.press(&state, .character("e"))
    let y = Fixture.render(state).lines.firstIndex {
      $0.contains("tuning") && $0.contains("4 runs")
    }!
    Fixture.press(&state, .mouse(MouseEvent(kind: .leftClick, x: 60, y: y)), .enter)
    #expect(state.scope == .experiment("exp-2"))
  }
}
