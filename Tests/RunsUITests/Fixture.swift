import Foundation
import RunsCore

@testable import RunsUI

/// A small deterministic set of runs covering every kind of cell, and helpers to build states.
enum Fixture {
  /// The moment every snapshot is taken.
  static let now = Date(timeIntervalSince1970: 1_768_046_400)  // 2026-01-10 12:00:00 UTC
  static let utc = TimeZone(identifier: "UTC")!
  static let baseline = ExperimentRef(id: "exp-1", name: "baseline")
  static let tuning = ExperimentRef(id: "exp-2", name: "tuning")

  static func date(_ hoursBeforeNow: Double) -> Date {
    now.addingTimeInterval(-hoursBeforeNow * 3600)
  }

  static func metric(
    _ name: String, _ value: Double, _ format: MetricFormat = .raw, node: String = "train"
  ) -> Metric {
    Metric(name: name, nodeID: node, value: value, format: format)
  }

  /// Eight runs: two experiments, every status kind, uneven metrics, one metric from two
  /// nodes, a long name and a name with an escape sequence.
  static let runs: [Run] = [
    Run(
      id: "r1", name: "resnet-lr-0.1", status: .succeeded, createdAt: date(30),
      finishedAt: date(29), experiment: baseline, pipeline: "train-eval",
      parameters: [Parameter(name: "lr", value: "0.1"), Parameter(name: "epochs", value: "10")],
      metrics: [
        metric("accuracy", 0.91, .percentage), metric("loss", 0.25),
        metric("f1", 0.875, .unspecified),
      ]),
    Run(
      id: "r2", name: "resnet-lr-0.01", status: .succeeded, createdAt: date(28),
      finishedAt: date(26.5), experiment: baseline, pipeline: "train-eval",
      parameters: [Parameter(name: "lr", value: "0.01"), Parameter(name: "epochs", value: "10")],
      metrics: [
        metric("accuracy", 0.954, .percentage), metric("loss", 0.125),
        metric("f1", 0.9, .unspecified),
        metric("accuracy", 0.95, .percentage, node: "eval"),
      ]),
    Run(
      id: "r3", name: "resnet-lr-1.0", status: .failed, createdAt: date(26), finishedAt: date(25.9),
      experiment: baseline, pipeline: "train-eval",
      parameters: [Parameter(name: "lr", value: "1.0"), Parameter(name: "epochs", value: "10")],
      metrics: [metric("loss", 2.5)]),
    Run(
      id: "r4", name: "vit-small", status: .running, createdAt: date(2), experiment: tuning,
      pipeline: "train-eval", parameters: [Parameter(name: "lr", value: "0.001")],
      metrics: [metric("accuracy", 0.5, .percentage)]),
    Run(
      id: "r5", name: "vit-base-with-a-very-long-name-that-does-not-fit", status: .succeeded,
      createdAt: date(20), finishedAt: date(10), experiment: tuning, pipeline: "train-eval",
      parameters: [Parameter(name: "lr", value: "0.001"), Parameter(name: "warmup", value: "500")],
      metrics: [
        metric("accuracy", 0.97, .percentage), metric("loss", 0.05), metric("bleu", 31.5),
      ]),
    Run(
      id: "r6", name: "evil\u{1B}[31mname", status: .error, createdAt: date(15),
      finishedAt: date(14.5),
      experiment: tuning, metrics: [metric("accuracy", 0.1, .percentage)]),
    Run(id: "r7", name: "pending-run", status: .pending, createdAt: date(1), experiment: tuning),
    Run(
      id: "r8", name: "no-status", createdAt: date(40), finishedAt: date(39),
      metrics: [metric("loss", 1.0)]),
  ]

  static let problems = [
    Problem(
      location: "runs/r3/train/mlpipeline-metrics.json", entry: 1, severity: .error,
      message: "numberValue is NaN, which is not a finite number."),
    Problem(
      location: "runs/r5/run.json", severity: .warning,
      message: "created_at is not an RFC 3339 time."),
  ]

  /// A state with every fixture run loaded, at a terminal of `width` × `height`.
  static func state(
    width: Int = 160, height: Int = 40, color: Bool = true, runs: [Run] = Fixture.runs,
    problems: [Problem] = [], kind: SourceKind = .directory, metricsOverride: [String]? = nil
  ) -> AppState {
    var state = AppState(
      sourceDescription: "runs/", sourceKind: kind, metrics: metricsOverride,
      options: RenderOptions(color: color, timeZone: utc), width: width, height: height)
    state.receive(
      LoadResult(runs: runs, experiments: [baseline, tuning], problems: problems),
      loaded: runs.count, total: runs.count, finished: true)
    return state
  }

  /// Presses each key in turn.
  @discardableResult
  static func press(_ state: inout AppState, _ keys: Key...) -> AppEffect {
    var effect = AppEffect.none
    for key in keys { effect = state.handle(key) }
    return effect
  }

  /// Types text as characters.
  static func type(_ state: inout AppState, _ text: String) {
    for character in text { _ = state.handle(.character(character)) }
  }

  /// The names of the rows the table shows, in order.
  static func shownNames(_ state: AppState) -> [String] {
    state.shownIndices.map { state.runs[$0].name }
  }

  static func render(_ state: AppState) -> Grid {
    Screen.render(state, width: state.width, height: state.height, now: now)
  }
}

extension Grid {
  /// The bottom row, where the status bar is drawn ("" for a grid of no rows).
  var statusLine: String { lines.last ?? "" }
}
