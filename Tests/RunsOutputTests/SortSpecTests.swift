import RunsCore
import RunsOutput
import Testing

@Suite struct SortSpecTests {
  @Test(arguments: [
    ("name", Column.name), ("STATUS", .status), ("duration", .duration),
    ("experiment", .experiment), ("pipeline", .pipeline), ("created", .created),
    ("accuracy", .metric("accuracy")), ("metric:name", .metric("name")),
    ("Metric:created", .metric("created")),
  ])
  func columnsAndMetricsAreRecognised(text: String, column: Column) throws {
    let spec = try SortSpec.parse(text)
    #expect(spec.column == column)
    #expect(spec.ascending == nil)
  }

  @Test func aDirectionSuffixIsRead() throws {
    #expect(try SortSpec.parse("loss:asc") == SortSpec(column: .metric("loss"), ascending: true))
    #expect(try SortSpec.parse("name:DESC") == SortSpec(column: .name, ascending: false))
    #expect(
      try SortSpec.parse("metric:status:asc")
        == SortSpec(column: .metric("status"), ascending: true))
  }

  @Test func withoutADirectionTheBestComesFirst() throws {
    let spec = try SortSpec.parse("loss")
    #expect(spec.order == SortOrder.best(for: .metric("loss")))
    #expect(try SortSpec.parse("created").order == SortOrder.best(for: .created))
    #expect(try SortSpec.parse("name:desc").order == SortOrder(column: .name, ascending: false))
  }

  @Test(arguments: ["", ":asc", "metric:", "metric::desc"])
  func emptyColumnsAreRejected(text: String) {
    #expect(throws: SortSpec.ParseError.self) { try SortSpec.parse(text) }
  }

  @Test func anUnknownSuffixBelongsToTheName() throws {
    #expect(try SortSpec.parse("a:b") == SortSpec(column: .metric("a:b")))
  }
}
