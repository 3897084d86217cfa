import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// KFP 2.x metrics on screen: the table, compare and details show the v2 text (shortest
/// round-trip numbers, true/false, quoted strings), and details show the run's notes.
@Suite struct V2MetricScreenTests {
  static func v2(_ name: String, _ value: V2Metric.Value, task: String = "train") -> Metric {
    V2Metric.metric(name: name, node: V2Metric.node(task: task, output: "metrics"), value: value)!
  }

  static let runs = [
    Run(
      id: "local-a", name: "local-a", createdAt: Fixture.date(2), pipeline: "edge-pipeline",
      metrics: [
        v2("accuracy", .number(0.1 + 0.2 + 0.65)), v2("converged", .bool(true)),
        v2("tiny", .number(1e-7)), v2("note", .string("baseline")),
      ],
      notes: ["kfp.local records no status", "boom: no output (failed or unfinished)"]),
    Run(
      id: "local-b", name: "local-b", createdAt: Fixture.date(1), pipeline: "edge-pipeline",
      metrics: [v2("accuracy", .number(12)), v2("converged", .bool(false))]),
  ]

  private func text(_ grid: Grid) -> String {
    grid.lines.joined(separator: "\n")
  }

  @Test func tableShowsTheV2Text() {
    let state = Fixture.state(width: 120, height: 8, runs: Self.runs)
    let screen = text(Fixture.render(state))
    #expect(screen.contains("0.9500000000000001"))
    #expect(screen.contains("true") && screen.contains("false"))
    #expect(screen.contains("1e-7"))
    #expect(!screen.contains("note"), "a text value is no column")
  }

  @Test func boolsSortAsOneAndZero() {
    var state = Fixture.state(width: 120, height: 8, runs: Self.runs)
    state.sortBy(.metric("converged"))
    #expect(state.sort.ascending == false, "true is best first")
    #expect(Fixture.shownNames(state) == ["local-a", "local-b"])
    state.sortBy(.metric("converged"))
    #expect(Fixture.shownNames(state) == ["local-b", "local-a"])
  }

  @Test func detailsShowNotesAndEveryValueAsText() {
    var state = Fixture.state(width: 120, height: 30, runs: Self.runs)
    let row = Fixture.shownNames(state).firstIndex(of: "local-a")!
    for _ in 0..<row { Fixture.press(&state, .down) }
    Fixture.press(&state, .enter)
    let screen = text(Fixture.render(state))
    #expect(screen.contains("boom: no output (failed or unfinished)"))
    #expect(screen.contains("train > metrics"))
    #expect(screen.contains("\"baseline\""))
    #expect(screen.contains("0.9500000000000001"))
  }

  @Test func compareShowsTextRowsAndBools() {
    var state = Fixture.state(width: 120, height: 20, runs: Self.runs)
    Fixture.press(&state, .character("a"), .character("c"))
    let screen = text(Fixture.render(state))
    #expect(screen.contains("\"baseline\""))
    #expect(screen.contains("0.9500000000000001") && screen.contains("12"))
    #expect(screen.contains("true") && screen.contains("false"))
  }
}
