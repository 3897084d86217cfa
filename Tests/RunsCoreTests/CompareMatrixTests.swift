import Testing

@testable import RunsCore

@Suite struct CompareMatrixTests {
  private let runs = [
    Fixture.run(
      "r0", parameters: [("lr", "0.1"), ("epochs", "5")],
      metrics: [("accuracy", 0.8), ("loss", 0.5), ("only-r0", 3)]),
    Fixture.run(
      "r1", parameters: [("epochs", "5"), ("batch", "32"), ("lr", "0.2")],
      metrics: [("accuracy", 0.9), ("loss", 0.4), ("auc", 0.7)]),
    Fixture.run(
      "r2", parameters: [("batch", "64"), ("seed", "1")],
      metrics: [("accuracy", 0.9), ("loss", 0.6), ("auc", 0.7)]),
  ]

  @Test func rowsByPrevalenceThenName() {
    let matrix = CompareMatrix(runs: runs)
    #expect(matrix.metricNames == ["accuracy", "loss", "auc", "only-r0"])
    #expect(matrix.metric(row: 2, run: 0) == nil)
    #expect(matrix.metric(row: 2, run: 1)?.value == 0.7)
    #expect(matrix.metric(row: 99, run: 0) == nil)
    #expect(matrix.metric(row: 0, run: -1) == nil)
  }

  @Test func bestFollowsDirectionAndTies() {
    let matrix = CompareMatrix(runs: runs)
    #expect(matrix.best(row: 0) == [1, 2])
    #expect(matrix.best(row: 1) == [1])
    #expect(matrix.best(row: 2) == [1, 2])
    #expect(matrix.best(row: 3) == [0])
    #expect(matrix.best(row: 42).isEmpty)
    #expect(matrix.higherIsBetter(row: 0))
    #expect(!matrix.higherIsBetter(row: 1))
  }

  @Test func overridesFlipARow() {
    let matrix = CompareMatrix(runs: runs, directionOverrides: ["loss": true, "accuracy": false])
    #expect(matrix.best(row: 0) == [0])
    #expect(matrix.best(row: 1) == [2])
    #expect(matrix.higherIsBetter(row: 1))
    #expect(!matrix.higherIsBetter(row: 0))
  }

  @Test func uniformRows() {
    let same = [
      Fixture.run("a", metrics: [("x", 1), ("y", 2), ("z", 3)]),
      Fixture.run("b", metrics: [("x", 1), ("y", 2.0000001)]),
    ]
    let matrix = CompareMatrix(runs: same)
    #expect(matrix.metricNames == ["x", "y", "z"])
    #expect(matrix.isUniform(row: 0))
    #expect(!matrix.isUniform(row: 1))
    #expect(!matrix.isUniform(row: 2))
    #expect(!matrix.isUniform(row: 7))
    let single = CompareMatrix(runs: [same[0]])
    #expect((0..<3).allSatisfy { single.isUniform(row: $0) })
  }

  @Test func deltasAgainstTheFirstRun() {
    let matrix = CompareMatrix(runs: runs)
    let accuracy = matrix.delta(row: 0, run: 1)
    #expect(accuracy?.absolute == 0.9 - 0.8)
    #expect(accuracy?.relative == (0.9 - 0.8) / 0.8)
    #expect(matrix.delta(row: 0, run: 0) == MetricDelta(absolute: 0, relative: 0))
    #expect(matrix.delta(row: 2, run: 1) == nil)
    #expect(matrix.delta(row: 3, run: 1) == nil)
    let percent = [
      Fixture.run("p", metrics: [("acc", 0.5)], format: .percentage),
      Fixture.run("q", metrics: [("acc", 0.75)], format: .percentage),
    ]
    #expect(
      CompareMatrix(runs: percent).delta(row: 0, run: 1)
        == MetricDelta(absolute: 0.25, relative: 0.5))
    let zero = [Fixture.run("z", metrics: [("m", 0)]), Fixture.run("w", metrics: [("m", -2)])]
    #expect(
      CompareMatrix(runs: zero).delta(row: 0, run: 1) == MetricDelta(absolute: -2, relative: nil))
    let negative = [Fixture.run("n", metrics: [("m", -4)]), Fixture.run("o", metrics: [("m", -2)])]
    #expect(CompareMatrix(runs: negative).delta(row: 0, run: 1)?.relative == 0.5)
  }

  @Test func parametersByPrevalenceThenFirstSeen() {
    let matrix = CompareMatrix(runs: runs)
    #expect(matrix.parameterNames == ["lr", "epochs", "batch", "seed"])
    #expect(matrix.parameter(row: 0, run: 1) == "0.2")
    #expect(matrix.parameter(row: 3, run: 0) == nil)
    #expect(matrix.parameter(row: 3, run: 2) == "1")
    #expect(matrix.isParameterUniform(row: 1) == false)
    #expect(matrix.parameter(row: 9, run: 0) == nil)
    let twice = Fixture.run("t", parameters: [("a", "1"), ("a", "2")])
    let matrixTwice = CompareMatrix(runs: [twice, twice])
    #expect(matrixTwice.parameterNames == ["a"])
    #expect(matrixTwice.parameter(row: 0, run: 0) == "1")
    #expect(matrixTwice.isParameterUniform(row: 0))
  }

  @Test func noRuns() {
    let matrix = CompareMatrix(runs: [])
    #expect(matrix.metricNames.isEmpty)
    #expect(matrix.parameterNames.isEmpty)
    #expect(matrix.best(row: 0).isEmpty)
    #expect(!matrix.isUniform(row: 0))
    #expect(matrix.delta(row: 0, run: 0) == nil)
  }
}

@Suite struct CompareMatrixEntryTests {
  /// A metric reported by several nodes shows the run-level entry (first node in node-id
  /// order, finite values only), exactly as `Run.metric(named:)` picks it.
  @Test func cellsAreTheRunLevelEntries() {
    let run = Run(
      id: "r", name: "r",
      metrics: [
        Metric(name: "m", nodeID: "train", value: 1, format: .raw),
        Metric(name: "m", nodeID: "eval", value: 2, format: .percentage),
        Metric(name: "m", nodeID: "a-first", value: .nan, format: .raw),
        Metric(name: "m", nodeID: "eval", value: 3, format: .raw),
        Metric(name: "only-nan", nodeID: "x", value: .infinity, format: .raw),
      ])
    let matrix = CompareMatrix(runs: [run, Fixture.run("other", metrics: [("m", 5)])])
    #expect(matrix.metricNames == ["m"])
    #expect(matrix.metric(row: 0, run: 0) == run.metric(named: "m"))
    #expect(matrix.metric(row: 0, run: 0)?.value == 2)
    #expect(matrix.format(row: 0) == .percentage)
    #expect(matrix.best(row: 0) == [1])
  }
}
