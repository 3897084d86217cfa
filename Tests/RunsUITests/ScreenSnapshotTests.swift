import Foundation
import RunsCore
import Testing

@testable import RunsUI

@Suite struct ScreenSnapshotTests {
  @Test func runsTableWide() {
    var state = Fixture.state()
    Fixture.press(&state, .down, .character(" "), .down, .down, .character(" "))
    expectSnapshot(Fixture.render(state), named: "table-160x40", styles: true)
  }

  @Test func runsTableNarrow() {
    var state = Fixture.state(width: 60, height: 15)
    Fixture.press(&state, .character(" "))
    expectSnapshot(Fixture.render(state), named: "table-60x15")
  }

  @Test func runsTableWithoutColourInAscii() {
    var state = Fixture.state(width: 60, height: 15, color: false)
    state.options.asciiGlyphs = true
    Fixture.press(&state, .down, .character(" "), .character("3"))
    expectSnapshot(Fixture.render(state), named: "table-ascii-nocolour-60x15", styles: true)
  }
}

@Suite struct MoreSnapshotTests {
  func selectedThree(width: Int = 160, height: Int = 40) -> AppState {
    var state = Fixture.state(width: width, height: height)
    // Sort by name so the table order is predictable, then select r1, r2, r5.
    Fixture.press(&state, .character("1"))
    for name in [
      "resnet-lr-0.1", "resnet-lr-0.01", "vit-base-with-a-very-long-name-that-does-not-fit",
    ] {
      let row = Fixture.shownNames(state).firstIndex(of: name)!
      Fixture.press(&state, .home)
      for _ in 0..<row { Fixture.press(&state, .down) }
      Fixture.press(&state, .character(" "))
    }
    return state
  }

  @Test func compareWide() {
    var state = selectedThree()
    Fixture.press(&state, .character("c"))
    expectSnapshot(Fixture.render(state), named: "compare-160x40", styles: true)
    Fixture.press(&state, .character("D"))
    expectSnapshot(Fixture.render(state), named: "compare-delta-160x40")
  }

  @Test func compareNarrow() {
    var state = selectedThree(width: 60, height: 15)
    Fixture.press(&state, .character("c"))
    expectSnapshot(Fixture.render(state), named: "compare-60x15")
    Fixture.press(&state, .character("D"), .character("x"), .right)
    expectSnapshot(Fixture.render(state), named: "compare-delta-uniform-60x15")
  }

  @Test func details() {
    var state = Fixture.state()
    let row = Fixture.shownNames(state).firstIndex(of: "resnet-lr-0.01")!
    for _ in 0..<row { Fixture.press(&state, .down) }
    Fixture.press(&state, .enter)
    expectSnapshot(Fixture.render(state), named: "details-160x40")
    state = Fixture.state(width: 60, height: 15)
    for _ in 0..<row { Fixture.press(&state, .down) }
    Fixture.press(&state, .enter)
    expectSnapshot(Fixture.render(state), named: "details-60x15")
  }

  @Test func help() {
    var state = Fixture.state()
    Fixture.press(&state, .character("?"))
    expectSnapshot(Fixture.render(state), named: "help-160x40")
    state = Fixture.state(width: 60, height: 15)
    Fixture.press(&state, .character("?"))
    expectSnapshot(Fixture.render(state), named: "help-60x15")
  }

  @Test func problems() {
    var state = Fixture.state(problems: Fixture.problems)
    Fixture.press(&state, .character("!"))
    expectSnapshot(Fixture.render(state), named: "problems-160x40")
    state = Fixture.state(width: 60, height: 15, problems: Fixture.problems)
    Fixture.press(&state, .character("!"))
    expectSnapshot(Fixture.render(state), named: "problems-60x15")
  }

  @Test func pickers() {
    var state = Fixture.state()
    Fixture.press(&state, .character("e"))
    expectSnapshot(Fixture.render(state), named: "experiment-picker-160x40")
    state = Fixture.state(width: 60, height: 15)
    Fixture.press(&state, .character("e"))
    expectSnapshot(Fixture.render(state), named: "experiment-picker-60x15")
    state = Fixture.state()
    Fixture.press(&state, .character("m"))
    expectSnapshot(Fixture.render(state), named: "metric-picker-160x40")
    state = Fixture.state(width: 60, height: 15)
    Fixture.press(&state, .character("m"), .down, .down, .down, .character(" "))
    expectSnapshot(Fixture.render(state), named: "metric-picker-60x15")
  }

  @Test func emptyAndFilter() {
    let empty = Fixture.state(runs: [], problems: Fixture.problems)
    expectSnapshot(Fixture.render(empty), named: "empty-160x40")
    let narrow = Fixture.state(width: 60, height: 15, runs: [])
    expectSnapshot(Fixture.render(narrow), named: "empty-60x15")
    var state = Fixture.state(width: 60, height: 15)
    Fixture.press(&state, .character("/"))
    Fixture.type(&state, "resnet")
    expectSnapshot(Fixture.render(state), named: "filter-input-60x15")
  }
}

@Suite struct RunNameSnapshotTests {
  /// KFP's default names repeat; long names differ at the end.
  static let runs: [Run] = [
    Run(
      id: "3f2a1c0e-aaaa-4bbb-8ccc-000000000001", name: "Run of mnist-train",
      status: .succeeded, createdAt: Fixture.date(3),
      metrics: [Fixture.metric("accuracy", 0.91, .percentage)]),
    Run(
      id: "9b07d2e4-aaaa-4bbb-8ccc-000000000002", name: "Run of mnist-train",
      status: .succeeded, createdAt: Fixture.date(2),
      metrics: [Fixture.metric("accuracy", 0.93, .percentage)]),
    Run(
      id: "r-0404-1623", name: "resnet-finetune-lr-sweep-batch-256-0404-1623",
      status: .succeeded, createdAt: Fixture.date(1),
      metrics: [Fixture.metric("accuracy", 0.95, .percentage)]),
    Run(
      id: "r-0404-1700", name: "resnet-finetune-lr-sweep-batch-256-0404-1700",
      status: .succeeded, createdAt: Fixture.date(0.5),
      metrics: [Fixture.metric("accuracy", 0.96, .percentage)]),
  ]

  @Test func sameNamesGetShortIdsAndLongNamesKeepTheirEnd() {
    var state = Fixture.state(width: 60, height: 8, runs: Self.runs)
    expectSnapshot(Fixture.render(state), named: "names-table-60x8")
    Fixture.press(&state, .character("a"), .character("c"))
    expectSnapshot(Fixture.render(state), named: "names-compare-60x8")
  }
}
