import Testing

@testable import RunsCore

@Suite struct ConcurrentMapTests {
  @Test(arguments: [0, 1, 2, 1000])
  func valuesComeBackInIndexOrder(count: Int) {
    let values = ConcurrentMap.values(count: count) { index in "value \(index * 7)" }
    #expect(values == (0..<count).map { "value \($0 * 7)" })
  }
}
