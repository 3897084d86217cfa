import Testing

@testable import RunsCore

@Suite struct MetricColumnsTests {
  private let runs = [
    Fixture.run("a", metrics: [("loss", 1), ("accuracy", 0.9), ("f1", 0.5)]),
    Fixture.run("b", metrics: [("loss", 2), ("accuracy", 0.8)]),
    Fixture.run("c", metrics: [("loss", 3), ("recall", 0.1), ("zeta", 1)]),
    Fixture.run("d", metrics: [("zeta", 2), ("alpha", 3)]),
  ]

  @Test func prevalenceCountsRunsThenName() {
    let prevalence = MetricColumns.prevalence(in: runs)
    #expect(prevalence.map(\.name) == ["loss", "accuracy", "zeta", "alpha", "f1", "recall"])
    #expect(prevalence.map(\.count) == [3, 2, 2, 1, 1, 1])
  }

  @Test func topAndAll() {
    #expect(MetricColumns.top(3, in: runs) == ["loss", "accuracy", "zeta"])
    #expect(MetricColumns.top(10, in: runs).count == 6)
    #expect(MetricColumns.top(0, in: runs).isEmpty)
    #expect(MetricColumns.top(-1, in: runs).isEmpty)
    #expect(MetricColumns.all(in: runs) == MetricColumns.prevalence(in: runs).map(\.name))
    #expect(MetricColumns.all(in: []).isEmpty)
  }

  /// A run reporting a metric from two nodes counts once; a non-finite entry does not count.
  @Test func aRunCountsOncePerMetricAndOnlyFiniteEntries() {
    let doubled = Run(
      id: "x", name: "x",
      metrics: [
        Metric(name: "m", nodeID: "b", value: 1, format: .raw),
        Metric(name: "m", nodeID: "a", value: 2, format: .raw),
        Metric(name: "nan-only", nodeID: "a", value: .nan, format: .raw),
      ])
    let other = Fixture.run("y", metrics: [("n", 1)])
    let prevalence = MetricColumns.prevalence(in: [doubled, other])
    #expect(prevalence.map(\.name) == ["m", "n"])
    #expect(prevalence.map(\.count) == [1, 1])
  }

  /// The set-based path for runs with many entries agrees with the small-run path.
  @Test func manyEntriesPerRun() {
    let many = (0..<30).map { ("metric-\($0 % 12)", Double($0)) }
    let run = Fixture.run("many", metrics: many)
    let prevalence = MetricColumns.prevalence(in: [run, run])
    #expect(prevalence.count == 12)
    #expect(prevalence.allSatisfy { $0.count == 2 })
  }

  /// Many distinct names (past the point where counting switches to a dictionary): every
  /// name is counted in every run that has it, whichever names came before it.
  @Test func manyDistinctNamesAcrossRuns() {
    // Run r has the names metric-r ..< metric-(r+5), so metric-k is in min(k, 4) + 1 runs,
    // capped by the runs that exist.
    let runs = (0..<40).map { r in
      Fixture.run("r\(r)", metrics: (r..<r + 5).map { ("metric-\($0)", Double($0)) })
    }
    let counts = Dictionary(
      uniqueKeysWithValues: MetricColumns.prevalence(in: runs).map { ($0.name, $0.count) })
    #expect(counts.count == 44)
    for k in 0..<44 {
      let expected = (max(0, k - 4)...min(k, 39)).count
      #expect(counts["metric-\(k)"] == expected, "metric-\(k)")
    }
    let prevalence = MetricColumns.prevalence(in: runs)
    #expect(prevalence.first?.count == 5)
    #expect(prevalence.map(\.count) == prevalence.map(\.count).sorted(by: >))
  }

  @Test func formatComesFromTheFirstRunThatHasTheMetric() {
    let first = Fixture.run("1", metrics: [("other", 1)], format: .raw)
    let second = Run(
      id: "2", name: "2",
      metrics: [
        Metric(name: "acc", nodeID: "z", value: 0.5, format: .raw),
        Metric(name: "acc", nodeID: "a", value: 0.7, format: .percentage),
      ])
    let third = Fixture.run("3", metrics: [("acc", 0.1)], format: .unspecified)
    #expect(MetricColumns.format(of: "acc", in: [first, second, third]) == .percentage)
    #expect(MetricColumns.format(of: "acc", in: [third, second]) == .unspecified)
    #expect(MetricColumns.format(of: "missing", in: [first]) == .unspecified)
  }
}
