import Foundation
import RunsCore
import Testing

@testable import RunsUI

@Suite struct CompareKeyTests {
  /// The fixture sorted by name, with r1, r2 and r5 selected.
  func comparing() -> AppState {
    var state = Fixture.state()
    Fixture.press(&state, .character("1"))
    for id in ["r5", "r1", "r2"] {
      let row = state.shownIndices.firstIndex { state.runs[$0].id == id }!
      Fixture.press(&state, .home)
      for _ in 0..<row { Fixture.press(&state, .down) }
      Fixture.press(&state, .character(" "))
    }
    Fixture.press(&state, .character("c"))
    return state
  }

  /// The line of the grid whose label starts with `label`.
  func line(_ grid: Grid, _ label: String) -> (text: String, y: Int)? {
    grid.lines.enumerated().first { $0.element.hasPrefix(label + " ") }.map {
      ($0.element, $0.offset)
    }
  }

  @Test func comparesSelectedRunsInTableOrder() {
    let state = comparing()
    #expect(state.topScreen == .compare)
    #expect(state.compare?.runIDs == ["r2", "r1", "r5"])  // name order: 0.01, 0.1, vit-base
  }

  @Test func comparesTheCursorRunWhenNothingIsSelected() {
    var state = Fixture.state()
    Fixture.press(&state, .down, .character("c"))
    #expect(state.compare?.runIDs == ["r4"])
  }

  @Test func everyMetricOfTheSelectedRunsIsARow() {
    let grid = Fixture.render(comparing())
    for metric in ["accuracy", "loss", "f1", "bleu"] {
      #expect(line(grid, metric) != nil, "no row for \(metric)")
    }
    #expect(line(grid, "lr")?.text.contains("0.001") == true)
  }

  @Test func bestValueIsBoldAndColoured() {
    let grid = Fixture.render(comparing())
    let (text, y) = line(grid, "loss")!
    // loss is cost-like: 0.050 (r5) is best; 0.125 is not.
    let best = text.range(of: "0.050")!
    let x = text.distance(from: text.startIndex, to: best.lowerBound)
    #expect(grid[x, y].style.bold)
    #expect(grid[x, y].style.foreground == .green)
    let other = text.distance(from: text.startIndex, to: text.range(of: "0.125")!.lowerBound)
    #expect(!grid[other, y].style.bold)
  }

  @Test func bestHighlightWithoutColourIsUnderlined() {
    var state = comparing()
    state.options.color = false
    let grid = Fixture.render(state)
    let (text, y) = line(grid, "accuracy")!
    let x = text.distance(from: text.startIndex, to: text.range(of: "97.000%")!.lowerBound)
    #expect(grid[x, y].style.bold)
    #expect(grid[x, y].style.underline)
    #expect(grid[x, y].style.foreground == .standard)
  }

  @Test func dFlipsTheDirectionOfTheRowUnderTheCursor() throws {
    var state = comparing()
    // Overview has 4 rows; the first metric row (accuracy) is the 5th selectable line.
    Fixture.press(&state, .down, .down, .down, .down)
    #expect(try #require(state.compare).matrix.best(row: 0) == [2])  // r5: 97%
    Fixture.press(&state, .character("d"))
    // r1: 91% is now best (lower is better).
    #expect(try #require(state.compare).matrix.best(row: 0) == [1])
    #expect(line(Fixture.render(state), "accuracy")?.text.contains("↓") == true)
    Fixture.press(&state, .character("d"))
    #expect(try #require(state.compare).matrix.best(row: 0) == [2])
    // d on an overview row does nothing.
    Fixture.press(&state, .home, .character("d"))
    #expect(try #require(state.compare).overrides.values.allSatisfy { $0 == true })
  }

  @Test func deltaModeShowsDifferencesFromTheFirstRun() throws {
    var state = comparing()
    Fixture.press(&state, .character("D"))
    #expect(try #require(state.compare).delta)
    let grid = Fixture.render(state)
    let loss = line(grid, "loss")!.text
    // First run keeps its value; the others show the difference in the metric's own unit
    // with the relative change.
    #expect(loss.contains("0.125"))
    #expect(loss.contains("+0.125 (+100.0%)"))
    #expect(loss.contains("−0.075 (−60.0%)"))
    // PERCENTAGE: percentage points, not a percentage.
    let accuracy = line(grid, "accuracy")!.text
    #expect(accuracy.contains("−4.000 pp (−4.2%)"))
    // The first run lacks bleu: the row keeps the values and says so.
    let bleu = line(grid, "bleu")!.text
    #expect(bleu.contains("no base"))
    #expect(bleu.contains("31.500"))
    #expect(grid.statusLine.contains("delta vs resnet-lr-0.01"))
    Fixture.press(&state, .character("D"))
    #expect(!Fixture.render(state).statusLine.contains("delta vs"))
  }

  @Test func xHidesUniformRows() {
    var state = comparing()
    var grid = Fixture.render(state)
    #expect(line(grid, "epochs") != nil)
    Fixture.press(&state, .character("x"))
    grid = Fixture.render(state)
    // epochs is not on every run (r5 lacks it), so it is not uniform: every row stays.
    #expect(line(grid, "epochs") != nil)
    #expect(grid.statusLine.contains("uniform hidden"))

    // Two runs with equal epochs and equal f1: both rows hide.
    var two = Fixture.state()
    Fixture.press(&two, .character("1"))
    for id in ["r1", "r2"] {
      let row = two.shownIndices.firstIndex { two.runs[$0].id == id }!
      Fixture.press(&two, .home)
      for _ in 0..<row { Fixture.press(&two, .down) }
      Fixture.press(&two, .character(" "))
    }
    Fixture.press(&two, .character("c"))
    #expect(line(Fixture.render(two), "epochs") != nil)
    Fixture.press(&two, .character("x"))
    let hidden = Fixture.render(two)
    #expect(line(hidden, "epochs") == nil)
    #expect(line(hidden, "lr") != nil)
    #expect(line(hidden, "loss") != nil)
  }

  @Test func leftRightScrollRunColumnsAndEnterOpensThatRun() {
    var state = comparing()
    Fixture.press(&state, .resize(width: 60, height: 15))
    var grid = Fixture.render(state)
    #expect(grid.lines[0].contains("resnet-lr-0.01"))
    #expect(!grid.lines[0].contains("vit-base"))
    Fixture.press(&state, .right, .right)
    grid = Fixture.render(state)
    #expect(grid.lines[0].contains("vit-base"))
    #expect(!grid.lines[0].contains("resnet-lr-0.01"))
    // The label column stays.
    #expect(grid.lines[1].hasPrefix("Status"))
    Fixture.press(&state, .enter)
    #expect(state.topScreen == .details)
    #expect(Fixture.render(state).lines[0].contains("vit-base"))
    Fixture.press(&state, .escape, .left, .left, .left)
    #expect(Fixture.render(state).lines[0].contains("resnet-lr-0.01"))
  }

  @Test func rowsScrollVertically() {
    var state = comparing()
    Fixture.press(&state, .resize(width: 80, height: 8))
    #expect(line(Fixture.render(state), "warmup") == nil)
    Fixture.press(&state, .end)
    let grid = Fixture.render(state)
    #expect(line(grid, "warmup") != nil)
    #expect(grid[0, line(grid, "warmup")!.y].style.reverse)
  }
}
