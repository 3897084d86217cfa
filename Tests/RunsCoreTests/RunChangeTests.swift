import Foundation
import Testing

@testable import RunsCore

@Suite struct RunChangeTests {
  private func run(
    _ id: String, status: RunStatus? = nil, _ metrics: [(String, Double)] = [],
    format: MetricFormat = .raw
  ) -> Run {
    Run(
      id: id, name: "name-\(id)", status: status,
      metrics: metrics.map { Metric(name: $0.0, nodeID: "step", value: $0.1, format: format) })
  }

  @Test func unchangedRunsGiveNothing() {
    let runs = [run("a", status: .running, [("acc", 0.5)]), run("b", [("loss", 1)])]
    #expect(RunChange.between(old: runs, new: runs).isEmpty)
  }

  @Test func addedChangedAndRemovedInOrder() {
    let old = [run("a", status: .running, [("acc", 0.5)]), run("gone", [("acc", 0.1)])]
    let new = [run("new"), run("a", status: .succeeded, [("acc", 0.75), ("loss", 0.2)])]
    let changes = RunChange.between(old: old, new: new)
    #expect(
      changes.map(\.kind) == [
        .added,
        .status(old: .running, new: .succeeded),
        .metric(name: "acc", old: 0.5, new: 0.75, format: .raw),
        .metric(name: "loss", old: nil, new: 0.2, format: .raw),
        .removed,
      ])
    #expect(changes.map(\.runID) == ["new", "a", "a", "a", "gone"])
    #expect(changes.last?.runName == "name-gone")
  }

  @Test func aMetricThatDisappearsKeepsItsFormat() {
    let changes = RunChange.between(
      run("a", [("acc", 0.5)], format: .percentage), run("a", [], format: .percentage))
    #expect(changes.map(\.kind) == [.metric(name: "acc", old: 0.5, new: nil, format: .percentage)])
  }

  @Test func theRunLevelValueDecidesNotEveryNode() {
    // A second node's value changes, but the run-level value (first node) does not.
    var old = run("a", [("acc", 0.5)])
    old.metrics.append(Metric(name: "acc", nodeID: "z-step", value: 0.1, format: .raw))
    var new = old
    new.metrics[1].value = 0.9
    #expect(RunChange.between(old, new).isEmpty)
  }

  @Test func directionAndBetterness() {
    let up = RunChange.Kind.metric(name: "accuracy", old: 0.5, new: 0.6, format: .raw)
    let lossUp = RunChange.Kind.metric(name: "val_loss", old: 0.5, new: 0.6, format: .raw)
    let appeared = RunChange.Kind.metric(name: "accuracy", old: nil, new: 0.6, format: .raw)
    #expect(up.wentUp == true && up.gotBetter == true)
    #expect(lossUp.wentUp == true && lossUp.gotBetter == false)
    #expect(appeared.wentUp == nil && appeared.gotBetter == nil)
  }

  @Test func linesAsWatchPrintsThem() {
    let changes = RunChange.between(
      old: [run("a", status: .running, [("accuracy-score", 0.91)], format: .percentage)],
      new: [
        run("a", status: .succeeded, [("accuracy-score", 0.925)], format: .percentage),
        run("b"),
      ])
    #expect(
      changes.map { $0.line(clock: "12:00:01") } == [
        "12:00:01  name-a  status Running → Succeeded",
        "12:00:01  name-a  accuracy-score 91.000% → 92.500% ▲",
        "12:00:01  name-b  + new run",
      ])
    #expect(
      RunChange(runID: "x", runName: "x", kind: .removed).line(clock: "00:00:00")
        == "00:00:00  x  − removed")
  }

  @Test func jsonLines() {
    let time = Date(timeIntervalSince1970: 1_700_000_000)
    let metric = RunChange(
      runID: "a", runName: "A \"1\"",
      kind: .metric(name: "loss", old: 0.5, new: 0.25, format: .raw))
    #expect(
      metric.jsonLine(time: time)
        == #"{"time":"2023-11-14T22:13:20Z","run":"a","name":"A \"1\"","change":"metric","#
        + #""metric":"loss","old":0.5,"new":0.25,"format":"RAW","direction":"down","better":true}"#)
    let status = RunChange(runID: "a", runName: "A", kind: .status(old: nil, new: .failed))
    #expect(
      status.jsonLine(time: time)
        == #"{"time":"2023-11-14T22:13:20Z","run":"a","name":"A","change":"status","#
        + #""old":null,"new":"Failed"}"#)
  }

  @Test func activeStatuses() {
    #expect(RunStatus.allCases.filter(\.isActive) == [.pending, .running])
  }
}
