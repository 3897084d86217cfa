import RunsOutput
import Testing

@testable import RunsCore

/// The one-pass index of a run's run-level entries must pick exactly what the per-name scan
/// `Run.metric(named:)` picks: the finite entry of the first node in node-id order.
@Suite struct RunLevelMetricsTests {
  private static func entry(
    _ name: String, _ node: String, _ value: Double, _ format: MetricFormat = .raw
  ) -> Metric {
    Metric(name: name, nodeID: node, value: value, format: format)
  }

  /// Duplicates across nodes listed out of node order, a duplicate within one node,
  /// non-finite entries in the first node, and a name with no finite entry at all.
  private let run = Run(
    id: "r", name: "r",
    metrics: [
      entry("acc", "train-b", 0.5),
      entry("acc", "train-a", 0.7, .percentage),
      entry("acc", "train-c", 0.9),
      entry("loss", "train-a", .nan),
      entry("loss", "train-b", .infinity),
      entry("loss", "train-c", 0.25),
      entry("loss", "train-d", 0.1),
      entry("f1", "n", 0.3),
      entry("f1", "n", 0.4),
      entry("broken", "n", -.infinity),
      entry("broken", "m", .nan),
    ])

  @Test func indexPicksTheFirstNodesFiniteEntry() {
    let index = run.runLevelMetrics()
    #expect(index["acc"] == Self.entry("acc", "train-a", 0.7, .percentage))
    #expect(index["loss"] == Self.entry("loss", "train-c", 0.25))
    #expect(index["f1"] == Self.entry("f1", "n", 0.3))
    #expect(index["broken"] == nil)
    #expect(Set(index.keys) == ["acc", "loss", "f1"])
  }

  @Test func indexAgreesWithTheScanOnEveryName() {
    for name in ["acc", "loss", "f1", "broken", "absent"] {
      #expect(run.runLevelMetrics()[name] == run.metric(named: name), "\(name)")
    }
  }

  @Test(arguments: [3, Run.lookupScanLimit, Run.lookupScanLimit + 1, 40])
  func lookupsOfManyNamesAgreeWithTheScan(count: Int) {
    let known = ["acc", "loss", "f1", "broken", "absent"]
    let names = (0..<count).map { known[$0 % known.count] }
    let found = run.runLevelMetrics(named: names)
    #expect(found == names.map { run.metric(named: $0) })
    #expect(found.count == count)
  }

  @Test func randomRunsAgreeWithTheScan() {
    var random = SeededRandom(seed: 7)
    let values: [Double] = [0, 1, -2.5, .nan, .infinity, -.infinity, 3.25]
    for _ in 0..<50 {
      let metrics = (0..<Int.random(in: 0...40, using: &random)).map { _ in
        Self.entry(
          "m\(Int.random(in: 0..<6, using: &random))",
          "node-\(Int.random(in: 0..<4, using: &random))",
          values.randomElement(using: &random)!,
          Bool.random(using: &random) ? .raw : .percentage)
      }
      let run = Run(id: "x", name: "x", metrics: metrics)
      let names = (0..<7).map { "m\($0)" } + ["m0", "m3"]
      #expect(run.runLevelMetrics(named: names) == names.map { run.metric(named: $0) })
      for name in names { #expect(run.runLevelMetrics()[name] == run.metric(named: name)) }
    }
  }

  @Test func csvWithManyColumnsWritesRunLevelValues() {
    let names = ["acc", "loss", "f1", "broken"] + (0..<10).map { "pad-\($0)" }
    let lines = RunsCSV.text(runs: [run], metricNames: names).split(separator: "\n")
    let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false)
    let metricFields = fields.suffix(names.count).map(String.init)
    #expect(metricFields == ["0.7", "0.25", "0.3", ""] + Array(repeating: "", count: 10))
  }

  @Test func compareFormatsComeFromTheFirstRunWithAFiniteEntry() throws {
    let first = Run(
      id: "a", name: "a",
      metrics: [Self.entry("acc", "n", .nan, .percentage), Self.entry("loss", "n", 1)])
    let second = Run(
      id: "b", name: "b", metrics: [Self.entry("acc", "n", 0.5, .raw), Self.entry("loss", "n", 2)])
    let third = Run(id: "c", name: "c", metrics: [Self.entry("acc", "n", 0.6, .percentage)])
    let runs = [first, second, third]
    let matrix = CompareMatrix(runs: runs)
    for row in matrix.metricNames.indices {
      #expect(
        matrix.format(row: row) == MetricColumns.format(of: matrix.metricNames[row], in: runs))
    }
    let acc = try #require(matrix.metricNames.firstIndex(of: "acc"))
    #expect(matrix.format(row: acc) == .raw)
  }
}
