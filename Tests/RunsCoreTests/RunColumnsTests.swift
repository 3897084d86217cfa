import Foundation
import Testing

@testable import RunsCore

@Suite struct RunColumnsTests {
  private static let experiments = [
    ExperimentRef(id: "e1", name: "one"), ExperimentRef(id: "e2", name: "two"),
  ]

  /// A random run; ids come from a small pool so later batches replace earlier runs.
  private static func run(_ generator: inout SeededRandom, id: Int) -> Run {
    let names = ["alpha", "Beta", "gamma-ÄÖ", "delta", "ALPHA-beta", ""]
    let metrics = (0..<Int(generator.next() % 4)).map { _ -> Metric in
      let name = ["loss", "acc", "f1", "auc"][Int(generator.next() % 4)]
      let format = MetricFormat.allCases[Int(generator.next() % 3)]
      let value = generator.next() % 10 == 0 ? Double.nan : Double(generator.next() % 50) / 7
      return Metric(name: name, nodeID: "n\(generator.next() % 3)", value: value, format: format)
    }
    let created: Date? =
      generator.next() % 8 == 0 ? nil : Date(timeIntervalSince1970: Double(generator.next() % 40))
    let experiment: ExperimentRef? =
      generator.next() % 5 == 0 ? nil : experiments[Int(generator.next() % 2)]
    return Run(
      id: "r\(id)", name: names[Int(generator.next() % 6)] + "\(generator.next() % 30)",
      status: generator.next() % 2 == 0 ? .succeeded : nil, createdAt: created,
      experiment: experiment,
      pipeline: generator.next() % 3 == 0 ? nil : "p\(generator.next() % 3)",
      metrics: metrics)
  }

  /// After batches of new and replaced runs, every answer equals computing it afresh over the
  /// final runs: filter, prevalence per experiment, metric values and formats, and sorts of
  /// every column, over all runs and over one experiment's.
  @Test func batchesAndReplacementsAgreeWithTheFinalRuns() {
    var generator = SeededRandom(seed: 21)
    var runs: [Run] = []
    var positions: [String: Int] = [:]
    var columns = RunColumns()
    columns.track(metrics: ["loss"])
    for batch in 0..<25 {
      var added: [Run] = []
      var replacements: [(index: Int, run: Run)] = []
      for _ in 0..<Int(generator.next() % 12) {
        let run = Self.run(&generator, id: Int(generator.next() % 120))
        if let index = positions[run.id], index < runs.count {
          replacements.append((index, run))
          runs[index] = run
        } else if positions[run.id] == nil {
          positions[run.id] = runs.count + added.count
          added.append(run)
        }
      }
      runs += added
      columns.replace(replacements)
      columns.append(contentsOf: added)
      if batch == 10 { columns.track(metrics: ["acc", "loss"]) }

      #expect(columns.runs == runs)
      for text in ["alpha", "BETA", "ä", "a1", "-"] {
        #expect(
          columns.names.matchingIndices(text) == RunFilter.matchingIndices(runs, text: text))
      }
      let inOne = runs.indices.filter { runs[$0].experiment?.id == "e1" }
      let one = columns.metricCounts.prevalence(includes: { $0?.id == "e1" })
      #expect(one.map(\.name) == MetricColumns.prevalence(in: inOne.map { runs[$0] }).map(\.name))
      #expect(
        one.map(\.count) == MetricColumns.prevalence(in: inOne.map { runs[$0] }).map(\.count))
      for name in ["loss", "acc", "f1"] {
        let (values, formats) = columns.metricColumn(name)
        #expect(values.count == runs.count && formats.count == runs.count)
        for index in runs.indices {
          let metric = runs[index].metric(named: name)
          #expect(metric?.format == formats[index])
          #expect(metric?.value == (values[index].isNaN ? nil : values[index]))
        }
      }
      for column in [Column.metric("loss"), .metric("acc"), .name, .created, .pipeline] {
        for ascending in [true, false] {
          let order = SortOrder(column: column, ascending: ascending)
          #expect(
            columns.sortedIndices(by: order, among: nil)
              == RunSorter.sortedIndices(runs, by: order))
          let subset = RunSorter.sortedIndices(inOne.map { runs[$0] }, by: order).map { inOne[$0] }
          #expect(columns.sortedIndices(by: order, among: inOne) == subset)
        }
      }
    }
  }

  /// A run replaced twice in one batch counts once, with its last metrics.
  @Test func aRunReplacedTwiceInOneBatchCountsItsLastVersion() {
    func run(_ metric: String) -> Run {
      Run(
        id: "x", name: metric, metrics: [Metric(name: metric, nodeID: "", value: 1, format: .raw)])
    }
    var columns = RunColumns(runs: [run("a")])
    columns.track(metrics: ["c"])
    columns.replace([(0, run("b")), (0, run("c"))])
    #expect(columns.metricCounts.prevalence().map(\.name) == ["c"])
    #expect(columns.metricCounts.prevalence().map(\.count) == [1])
    #expect(columns.names.matchingIndices("c") == [0])
    #expect(columns.metricColumn("c").formats == [.raw])
    #expect(columns.runs.map(\.name) == ["c"])
  }
}
