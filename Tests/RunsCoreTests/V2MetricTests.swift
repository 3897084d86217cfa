import RunsOutput
import Testing

@testable import RunsCore

@Suite struct V2MetricTests {
  private func entry(_ value: V2Metric.Value, name: String = "m") -> Metric? {
    V2Metric.metric(name: name, node: V2Metric.node(task: "train", output: "metrics"), value: value)
  }

  @Test func nodeIsTaskThenOutput() {
    #expect(
      V2Metric.node(task: "train-again", output: "eval_metrics") == "train-again > eval_metrics")
    #expect(entry(.number(1))?.nodeID == "train > metrics")
  }

  @Test func numbersShowAsTheV2UIShowsThem() {
    // JavaScript's shortest round-trip text, never rounded to three decimals.
    let cases: [(Double, String)] = [
      (0.1 + 0.2 + 0.65, "0.9500000000000001"), (12, "12"), (1e-7, "1e-7"), (0.95, "0.95"),
      (1e21, "1e+21"), (-0.0, "0"),
      (Double(UInt64(12_345_678_901_234_567_890)), "12345678901234567000"),
      (-2.5, "-2.5"), (0.000001, "0.000001"),
    ]
    for (value, text) in cases {
      let metric = entry(.number(value))
      #expect(metric?.displayText == text, "\(value)")
      #expect(metric?.format == .v2Number)
      #expect(metric?.format.isV2 == true)
    }
  }

  @Test func boolsShowTrueFalseAndSortAsOneZero() throws {
    let yes = entry(.bool(true))
    let no = entry(.bool(false))
    #expect(yes?.displayText == "true")
    #expect(no?.displayText == "false")
    #expect(yes?.value == 1)
    #expect(no?.value == 0)
    #expect(yes?.isNumeric == true)
    let run = Run(id: "r", name: "r", metrics: [try #require(yes)])
    #expect(run.metricNames == ["m"])
  }

  @Test func textIsKeptForDetailsButIsNoColumn() throws {
    let text = try #require(entry(.string("baseline"), name: "note"))
    let structure = try #require(
      entry(.structure(.array([.number(1), .string("a\u{1B}")])), name: "list"))
    #expect(text.displayText == "\"baseline\"")
    #expect(structure.displayText == "[1,\"a\\u001b\"]")
    #expect(!text.isNumeric)
    let run = Run(id: "r", name: "r", metrics: [text, structure])
    #expect(run.metricNames.isEmpty)
    #expect(run.metric(named: "note") == nil)
    #expect(run == run, "a run holding text values equals itself")
    #expect(Set([text, text]).count == 1)
  }

  @Test func nonFiniteNumbersAreNotMetrics() {
    #expect(entry(.number(.nan)) == nil)
    #expect(entry(.number(.infinity)) == nil)
    #expect(
      V2Metric.nonFiniteMessage(name: "loss", value: -.infinity)
        == "metric \"loss\" is -Infinity, not a finite number; skipped")
  }

  @Test func jsonValuesMapToKinds() {
    #expect(V2Metric.Value(json: .number(3)) == .number(3))
    #expect(V2Metric.Value(json: .bool(true)) == .bool(true))
    #expect(V2Metric.Value(json: .string("x")) == .string("x"))
    #expect(V2Metric.Value(json: .null) == .structure(.null))
  }

  @Test func reservedPropertiesAreNotMetrics() {
    #expect(!V2Metric.isMetric(property: "display_name"))
    #expect(!V2Metric.isMetric(property: "store_session_info"))
    #expect(V2Metric.isMetric(property: "accuracy"))
  }

  @Test func v1FormatNamesOnly() {
    #expect(MetricFormat(v1: "RAW") == .raw)
    #expect(MetricFormat(v1: "V2_BOOL") == nil)
  }

  @Test func machineOutputsCarryRawValuesAndNoFormat() {
    let json = RunsJSON.text(runs: [
      Run(id: "r", name: "r", metrics: [entry(.bool(true))!, entry(.number(0.5), name: "n")!])
    ])
    #expect(json.contains("\"value\": true"))
    #expect(json.contains("\"value\": 0.5"))
    #expect(json.contains("\"format\": null"))
    #expect(!json.contains("V2_"))
  }

  @Test func compareShowsTextRowsAfterNumbersAndNeverRanksThem() {
    let a = Run(
      id: "a", name: "a",
      metrics: [entry(.number(0.5), name: "acc")!, entry(.string("x"), name: "note")!])
    let b = Run(
      id: "b", name: "b",
      metrics: [entry(.number(0.7), name: "acc")!, entry(.string("x"), name: "note")!])
    let matrix = CompareMatrix(runs: [a, b])
    #expect(matrix.metricNames == ["acc", "note"])
    #expect(matrix.metric(row: 1, run: 1)?.displayText == "\"x\"")
    #expect(matrix.best(row: 1).isEmpty)
    #expect(matrix.isUniform(row: 1))
    #expect(matrix.delta(row: 1, run: 1) == nil)
    #expect(
      matrix.delta(row: 0, run: 1)?.text(format: matrix.format(row: 0))
        == "+0.19999999999999996 (+40.0%)")
  }

  @Test func compareTableShowsTheV2Text() {
    let a = Run(id: "a", name: "a", metrics: [entry(.number(0.1 + 0.2), name: "acc")!])
    let text = CompareOutput.table(CompareMatrix(runs: [a]), runs: [a]).plainText()
    #expect(text.contains("0.30000000000000004"))
  }
}
