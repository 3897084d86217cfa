import RunsOutput
import Testing

@testable import RunsCore

@Suite struct ParameterColumnTests {
  private static func run(_ id: String, _ parameters: [(String, String)]) -> Run {
    Run(id: id, name: id, parameters: parameters.map { Parameter(name: $0.0, value: $0.1) })
  }

  private static let runs = [
    run("a", [("batch", "128"), ("opt", "sgd")]), run("b", [("batch", "32")]),
    run("c", [("batch", "64"), ("opt", "Adam")]), run("d", [("opt", "")]),
    run("e", [("batch", "large")]),
  ]

  private func sorted(_ name: String, ascending: Bool, among subset: [Int]? = nil) -> [String] {
    var keys = RunSortKeys(runs: Self.runs)
    return keys.sortedIndices(
      by: SortOrder(column: .parameter(name), ascending: ascending), among: subset
    )
    .map { Self.runs[$0].id }
  }

  @Test func numericWhenEveryValueInScopeIsANumber() {
    // Without "large", batch sizes sort as numbers: 32 < 64 < 128; runs without one go last.
    #expect(sorted("batch", ascending: true, among: [0, 1, 2, 3]) == ["b", "c", "a", "d"])
    #expect(sorted("batch", ascending: false, among: [0, 1, 2, 3]) == ["a", "c", "b", "d"])
  }

  @Test func textWhenAnyValueInScopeIsNot() {
    // With "large" in scope, every value sorts as text: "128" < "32" < "64" < "large".
    #expect(sorted("batch", ascending: true) == ["a", "b", "c", "e", "d"])
    // Text ignores case; an empty value is missing and goes last.
    #expect(sorted("opt", ascending: true) == ["c", "a", "b", "d", "e"])
  }

  @Test func bestFirstIsAscending() {
    #expect(
      SortOrder.best(for: .parameter("x")) == SortOrder(column: .parameter("x"), ascending: true))
  }

  @Test func sortSpecReadsParam() throws {
    #expect(
      try SortSpec.parse("param:lr:desc") == SortSpec(column: .parameter("lr"), ascending: false))
    #expect(try SortSpec.parse("PARAM:lr") == SortSpec(column: .parameter("lr")))
    #expect(throws: SortSpec.ParseError.self) { try SortSpec.parse("param:") }
  }

  @Test func prevalenceOrder() {
    #expect(ParameterColumns.all(in: Self.runs) == ["batch", "opt"])
    #expect(ParameterColumns.isNumeric("batch", in: Array(Self.runs.prefix(4))))
    #expect(!ParameterColumns.isNumeric("batch", in: Self.runs))
  }
}
