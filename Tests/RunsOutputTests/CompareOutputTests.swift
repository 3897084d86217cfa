import RunsCore
import RunsOutput
import Testing

@Suite struct CompareOutputTests {
  let runs = [SampleRuns.baseline, SampleRuns.tuned]

  @Test func tableHasALabelColumnAndOneColumnPerRun() {
    let matrix = CompareMatrix(runs: runs)
    let table = CompareOutput.table(matrix, runs: runs)
    #expect(table.columns.map(\.title) == ["Run", "baseline", "tuned, \"v2\"|x"])
    // The overview, the metrics, then the parameters, as the compare view shows them.
    let labels = table.rows.map { $0.first ?? "" }
    #expect(labels.prefix(3) == ["Status", "Duration", "Start time"])
    #expect(labels.filter { matrix.metricNames.contains($0) } == matrix.metricNames)
    #expect(labels.last == "param:lr")
    let accuracy = table.rows.first { $0.first == "accuracy" }
    #expect(accuracy == ["accuracy", "50.000%", "95.675%"])
    let f1 = table.rows.first { $0.first == "f1" }
    #expect(f1 == ["f1", "", "24.000"])
  }

  @Test func csvCarriesRawValuesInMatrixOrder() {
    let matrix = CompareMatrix(runs: runs)
    let lines = CompareOutput.csv(matrix, runs: runs).split(separator: "\n").map(String.init)
    #expect(lines.first == "metric,baseline,\"tuned, \"\"v2\"\"|x\"")
    #expect(
      lines.dropFirst().map { String($0.prefix { $0 != "," }) }
        == matrix.metricNames + matrix.parameterNames.map { "param:" + $0 })
    #expect(lines.contains("accuracy,0.5,0.95675"))
    #expect(lines.contains("f1,,24"))
  }

  @Test func jsonHasAnObjectPerMetricWithAValuePerRun() throws {
    let matrix = CompareMatrix(runs: runs)
    let parsed = try JSONParser.parse(CompareOutput.json(matrix, runs: runs))
    let rows = try #require(parsed.arrayValue)
    #expect(rows.map { $0["metric"]?.stringValue } == matrix.metricNames)
    let loss = try #require(rows.first { $0["metric"] == .string("loss") })
    let values = try #require(loss["values"]?.arrayValue)
    #expect(values.map { $0["run_id"] } == [.string("id-1"), .string("id-2")])
    #expect(values.map { $0["value"] } == [.number(0.25), .null])
    #expect(values.map { $0["format"] } == [.string("RAW"), .null])
  }
}
