import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// A node × metric grid wider than the screen scrolls sideways with ← and →: the metric names
/// stay, the status bar says which nodes are shown, and scrolling stops at either end.
@Suite struct DetailsScrollTests {
  /// A run whose eight steps each report two metrics: far wider than 60 columns.
  static let wide = Run(
    id: "w1", name: "cv-8-folds", status: .succeeded, createdAt: Fixture.date(3),
    finishedAt: Fixture.date(2), experiment: Fixture.baseline,
    metrics: (1...8).flatMap { fold in
      [
        Fixture.metric("accuracy", 0.9 + Double(fold) / 1000, .percentage, node: "fold-\(fold)"),
        Fixture.metric("loss", 0.25 + Double(fold) / 100, node: "fold-\(fold)"),
      ]
    })

  static func openWide(width: Int, height: Int) -> AppState {
    var state = Fixture.state(width: width, height: height, runs: [wide] + Fixture.runs)
    while state.cursorRun?.id != wide.id { Fixture.press(&state, .down) }
    Fixture.press(&state, .enter, .end)
    return state
  }

  @Test func aWideGridScrollsSidewaysAndSaysWhichNodesItShows() {
    var state = Self.openWide(width: 60, height: 15)
    expectSnapshot(Fixture.render(state), named: "details-wide-60x15")
    Fixture.press(&state, .right, .right)
    expectSnapshot(Fixture.render(state), named: "details-wide-right-60x15")
  }

  @Test func scrollingStopsWhenTheLastNodeIsInSightAndAtTheFirst() throws {
    var state = Self.openWide(width: 60, height: 15)
    for _ in 0..<20 { Fixture.press(&state, .right) }
    let text = snapshotText(Fixture.render(state))
    #expect(text.contains("fold-8"))
    #expect(!text.contains("fold-1 "))
    let last = try #require(state.details).firstNode
    Fixture.press(&state, .right)
    #expect(try #require(state.details).firstNode == last)
    for _ in 0..<20 { Fixture.press(&state, .left) }
    #expect(try #require(state.details).firstNode == 0)
    #expect(snapshotText(Fixture.render(state)).contains("fold-1"))
  }

  @Test func aGridThatFitsDoesNotScroll() throws {
    var state = Self.openWide(width: 160, height: 40)
    Fixture.press(&state, .right)
    #expect(try #require(state.details).firstNode == 0)
    #expect(!snapshotText(Fixture.render(state)).contains("nodes "))
  }
}
