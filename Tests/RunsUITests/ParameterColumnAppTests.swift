import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// Parameter columns in the application: the picker lists parameters below the metrics, a
/// checked one becomes a column, and it sorts numerically when every value reads as a number.
@Suite struct ParameterColumnAppTests {
  /// Opens `m`, checks `item`, applies.
  private func check(_ item: String, in state: inout AppState) throws {
    Fixture.press(&state, .character("m"))
    let items = try #require(state.metricPicker?.items.map(\.name))
    let row = try #require(items.firstIndex(of: item), "\(items)")
    Fixture.press(&state, .home)
    for _ in 0..<row { Fixture.press(&state, .down) }
    Fixture.press(&state, .character(" "), .enter)
  }

  @Test func thePickerListsParametersBelowMetrics() throws {
    var state = Fixture.state()
    Fixture.press(&state, .character("m"))
    let items = try #require(state.metricPicker?.items.map(\.name))
    #expect(items.suffix(3) == ["param:lr", "param:epochs", "param:warmup"])
    #expect(!items.prefix(items.count - 3).contains { $0.hasPrefix("param:") })
  }

  @Test func aCheckedParameterBecomesAColumnAndSortsNumerically() throws {
    var state = Fixture.state(width: 160, height: 12)
    try check("param:lr", in: &state)
    #expect(state.chosenParameters == ["lr"])
    let layout = TableLayout(state, width: state.width)
    let index = try #require(layout.index(of: .parameter("lr")))
    #expect(layout.columns[index].alignRight)
    // Sort by it: numbers, smallest first; equal values newest first.
    for _ in 0..<index where state.columnCursor != .parameter("lr") {
      Fixture.press(&state, .right)
    }
    Fixture.press(&state, .character("s"))
    #expect(state.sort == SortOrder(column: .parameter("lr"), ascending: true))
    #expect(
      Fixture.shownNames(state).prefix(5) == [
        "vit-small", "vit-base-with-a-very-long-name-that-does-not-fit", "resnet-lr-0.01",
        "resnet-lr-0.1", "resnet-lr-1.0",
      ])
    expectSnapshot(Fixture.render(state), named: "parameter-column-160x12-lr")
  }

  @Test func uncheckingRemovesTheColumn() throws {
    var state = Fixture.state()
    try check("param:epochs", in: &state)
    #expect(state.chosenParameters == ["epochs"])
    try check("param:epochs", in: &state)
    #expect(state.chosenParameters.isEmpty)
    #expect(TableLayout(state, width: state.width).index(of: .parameter("epochs")) == nil)
  }
}
