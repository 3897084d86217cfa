import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// The plot screen on runs placed where their dots can be checked by hand.
@Suite struct PlotScreenTests {
  /// Runs with metric `x` and `y` values, named by position, created an hour apart.
  static func runs(_ values: [(String, Double, Double)]) -> [Run] {
    values.enumerated().map { index, value in
      Run(
        id: "id-\(value.0)", name: value.0, status: .succeeded,
        createdAt: Fixture.date(Double(values.count - index)),
        metrics: [
          Fixture.metric("x", value.1), Fixture.metric("y", value.2, .percentage),
        ])
    }
  }

  /// Corners and centre of the unit square, and one run without y.
  static let square =
    runs([
      ("bottom-left", 0, 0), ("top-left", 0, 1), ("centre", 0.5, 0.5), ("top-right", 1, 1),
      ("bottom-right", 1, 0),
    ]) + [Run(id: "id-no-y", name: "no-y", metrics: [Fixture.metric("x", 0.3)])]

  /// A state on `runs` with the plot of y against x open.
  static func plotState(_ runs: [Run], width: Int = 30, height: Int = 12, x: String = "x")
    -> AppState
  {
    var state = Fixture.state(width: width, height: height, runs: runs)
    Fixture.press(&state, .character("p"))
    pick(&state, "x", axis: x)
    pick(&state, "y", axis: "y")
    return state
  }

  /// Picks `axis` in the axis picker of `key`.
  static func pick(_ state: inout AppState, _ key: Character, axis: String) {
    Fixture.press(&state, .character(key))
    guard let items = state.plot?.picker?.items,
      let target = items.firstIndex(where: { $0.name == axis })
    else {
      Issue.record("the picker of \(key) offers no axis \(axis)")
      return
    }
    Fixture.press(&state, .home)
    for _ in 0..<target { Fixture.press(&state, .down) }
    Fixture.press(&state, .enter)
  }

  static func cursorName(_ state: AppState) -> String? {
    state.plot?.cursorRunID.flatMap { state.run(id: $0)?.name }
  }

  @Test func cornersAndCentreLandOnTheirDots() {
    var state = Self.plotState(Self.square)
    // Select the top-right run: its cell is bold and yellow.
    while Self.cursorName(state) != "top-right" { Fixture.press(&state, .right, .up) }
    Fixture.press(&state, .character(" "))
    expectSnapshot(Fixture.render(state), named: "plot-square-30x12", styles: true)
    state.options.asciiGlyphs = true
    expectSnapshot(Fixture.render(state), named: "plot-square-ascii-30x12")
  }

  @Test func aSingleRunIsInTheMiddle() {
    let state = Self.plotState(Self.runs([("only", 0.25, 0.75)]))
    expectSnapshot(Fixture.render(state), named: "plot-single-30x12")
  }

  @Test func runsAtTheSameValueLieOnOneLine() {
    let state = Self.plotState(
      Self.runs([("a", 1, 0.5), ("b", 2, 0.5), ("c", 3, 0.5), ("d", 4, 0.5)]))
    expectSnapshot(Fixture.render(state), named: "plot-same-value-30x12")
  }

  @Test func aLogScaleSpacesDecadesEvenly() throws {
    var state = Self.plotState(
      Self.runs([
        ("a", 0.001, 0.1), ("b", 0.01, 0.2), ("c", 0.1, 0.3), ("d", 1, 0.4), ("z", 0, 0.5),
      ]),
      width: 40)
    // L applies to the axis picked last (y); pick x again to focus it.
    Self.pick(&state, "x", axis: "x")
    Fixture.press(&state, .character("L"))
    #expect(try #require(state.plot).logX && !(try #require(state.plot).logY))
    expectSnapshot(Fixture.render(state), named: "plot-log-x-40x12")
  }

  @Test func arrowsGoToTheNearestRunThatWay() {
    var state = Self.plotState(Self.square)
    Fixture.press(&state, .character("p"))  // Back to the table, cursor on the newest run.
    Fixture.press(&state, .character("g"))
    while state.cursorRun?.name != "bottom-left" { Fixture.press(&state, .down) }
    Fixture.press(&state, .character("p"))
    Self.pick(&state, "x", axis: "x")
    Self.pick(&state, "y", axis: "y")
    #expect(Self.cursorName(state) == "bottom-left")
    Fixture.press(&state, .left)
    #expect(Self.cursorName(state) == "bottom-left")  // Nothing further left.
    Fixture.press(&state, .right)
    #expect(Self.cursorName(state) == "bottom-right")  // Straight ahead beats the closer centre.
    Fixture.press(&state, .up)
    #expect(Self.cursorName(state) == "top-right")
    Fixture.press(&state, .left)
    #expect(Self.cursorName(state) == "top-left")
    Fixture.press(&state, .down)
    #expect(Self.cursorName(state) == "bottom-left")
    Fixture.press(&state, .character("l"), .character("k"))
    #expect(Self.cursorName(state) == "top-right")
    Fixture.press(&state, .character("h"), .character("j"))
    #expect(Self.cursorName(state) == "bottom-left")
  }

  @Test func runsOnTheSameSpotAreSteppedThrough() {
    var state = Self.plotState(Self.runs([("a", 1, 0.5), ("b", 1, 0.5), ("c", 2, 0.5)]))
    #expect(Self.cursorName(state) == "c")  // The table's cursor run: the newest.
    var seen: [String] = []
    for key in [Key.left, .left, .left, .right, .right, .right] {
      Fixture.press(&state, key)
      seen.append(Self.cursorName(state)!)
    }
    // Points follow the table order (newest first: c, b, a); left lands on the last of the
    // spot, steps back to b, then stops; right steps forward to a, then leaves for c.
    #expect(seen == ["a", "b", "b", "a", "c", "c"])
  }

  @Test func spaceSelectsAndEnterOpensTheDetailsOfTheCursorRun() {
    var state = Self.plotState(Self.square)
    let name = Self.cursorName(state)!
    Fixture.press(&state, .character(" "))
    #expect(state.selection == ["id-\(name)"])
    #expect(state.plot!.raster.highlighted.contains { $0 != 0 })
    Fixture.press(&state, .enter)
    #expect(state.topScreen == .details)
    #expect(state.details?.runID == "id-\(name)")
    Fixture.press(&state, .escape)
    #expect(state.topScreen == .plot)
    Fixture.press(&state, .escape)
    #expect(state.topScreen == .table)
    #expect(state.plot == nil)
  }

  @Test func thePlotFollowsTheFilter() throws {
    var state = Fixture.state(width: 30, height: 12, runs: Self.square)
    Fixture.press(&state, .character("/"))
    Fixture.type(&state, "top")
    Fixture.press(&state, .enter, .character("p"))
    Self.pick(&state, "x", axis: "x")
    #expect(try #require(state.plot).points.count == 2)
  }

  @Test func theDefaultAxesAreTheSortMetricOverTime() {
    var state = Fixture.state()
    Fixture.press(&state, .character("p"))
    #expect(state.plot?.x == .created)
    #expect(state.plot?.y == .metric(state.metricColumns[0]))
    Fixture.press(&state, .escape)
    state.sortBy(.metric("loss"))
    Fixture.press(&state, .character("p"))
    #expect(state.plot?.y == .metric("loss"))
  }

  @Test func theFixturePlotOverTime() {
    var state = Fixture.state(width: 80, height: 20)
    Fixture.press(&state, .character("p"))
    expectSnapshot(Fixture.render(state), named: "plot-fixture-80x20")
    Fixture.press(&state, .character("x"))
    expectSnapshot(Fixture.render(state), named: "plot-axis-picker-80x20")
  }
}
