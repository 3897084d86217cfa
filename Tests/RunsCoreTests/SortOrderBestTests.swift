import Testing

@testable import RunsCore

@Suite struct SortOrderBestTests {
  @Test func bestFirst() {
    #expect(SortOrder.best(for: .metric("accuracy")).ascending == false)
    #expect(SortOrder.best(for: .metric("val-loss")).ascending == true)
    #expect(SortOrder.best(for: .created).ascending == false)
    #expect(SortOrder.best(for: .duration).ascending == false)
    for column in [Column.name, .status, .experiment, .pipeline] {
      #expect(SortOrder.best(for: column) == SortOrder(column: column, ascending: true))
    }
  }

  @Test func reversedFlipsOnlyTheDirection() {
    let order = SortOrder.best(for: .metric("f1"))
    #expect(order.reversed == SortOrder(column: .metric("f1"), ascending: true))
    #expect(order.reversed.reversed == order)
  }
}
