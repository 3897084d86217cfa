import Testing

@testable import RunsCore

@Suite struct MetricCountsTests {
  private static let a = ExperimentRef(id: "e-a", name: "A")
  private static let b = ExperimentRef(id: "e-b", name: "B")

  private static func run(
    _ id: String, _ experiment: ExperimentRef?, _ metrics: [(String, Double)]
  ) -> Run {
    Run(
      id: id, name: id, experiment: experiment,
      metrics: metrics.map { Metric(name: $0.0, nodeID: "n", value: $0.1, format: .raw) })
  }

  /// Counts kept per batch equal counting the runs at once; an experiment subset equals
  /// counting that subset's runs.
  @Test func batchesAndSubsetsAgreeWithCountingTheRuns() {
    var generator = SeededRandom(seed: 5)
    let names = (0..<20).map { "m\($0)" }
    let experiments: [ExperimentRef?] = [Self.a, Self.b, nil]
    var runs: [Run] = []
    var counts = MetricCounts()
    for batch in 0..<30 {
      let new = (0..<Int(generator.next() % 40)).map { number -> Run in
        let metrics = (0..<Int(generator.next() % 6)).map { _ -> (String, Double) in
          // Skewed names, so the top differs by subset; some entries are not finite.
          let name = names[Int(generator.next() % 7 + generator.next() % 14)]
          return (name, generator.next() % 9 == 0 ? .nan : Double(generator.next() % 100))
        }
        return Self.run("\(batch)-\(number)", experiments[Int(generator.next() % 3)], metrics)
      }
      runs += new
      counts.add(contentsOf: new)
      for scope in [nil, Self.a, Self.b] as [ExperimentRef?] {
        let include: (ExperimentRef?) -> Bool = { scope == nil || $0 == scope }
        let expected = MetricColumnsOracle.prevalence(runs.filter { include($0.experiment) })
        let kept = counts.prevalence(includes: include)
        #expect(kept.map(\.name) == expected.map(\.name))
        #expect(kept.map(\.count) == expected.map(\.count))
        #expect(counts.top(3, includes: include) == Array(expected.prefix(3).map(\.name)))
      }
    }
  }

  /// A replaced run is taken back: its old metrics no longer count.
  @Test func removeTakesARunBack() {
    let old = Self.run("x", Self.a, [("loss", 1), ("acc", 2)])
    var counts = MetricCounts([old, Self.run("y", Self.b, [("acc", 1)])])
    counts.remove(old)
    counts.add(contentsOf: [Self.run("x", Self.b, [("f1", 1)])])
    #expect(counts.prevalence().map(\.name) == ["acc", "f1"])
    #expect(counts.prevalence().map(\.count) == [1, 1])
    #expect(counts.top(3, includes: { $0 == Self.a }).isEmpty)
    #expect(counts.top(0).isEmpty)
  }
}

/// The straightforward definition of prevalence (SPEC §5.1), independent of the counting code.
enum MetricColumnsOracle {
  static func prevalence(_ runs: [Run]) -> [(name: String, count: Int)] {
    var counts: [String: Int] = [:]
    for run in runs {
      for name in Set(run.metrics.filter { $0.value.isFinite }.map(\.name)) {
        counts[name, default: 0] += 1
      }
    }
    return counts.map { (name: $0.key, count: $0.value) }
      .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
  }
}
