import Foundation
import RunsCore

/// The demo's KFP 2.x runs: a pipeline of experiment `sentiment-kfp2` whose tasks log metrics
/// with `Output[Metrics]`, as read from ML Metadata — nodes `<task> > <output>`, numbers shown
/// as JavaScript's shortest round-trip text (`0.9500000000000001`), a bool, and a run still
/// going. They are older than the KFP 1.x runs, so they sit below them in the table.
enum DemoV2Runs {
  /// Their experiment.
  static let experiment = ExperimentRef(
    id: "5e3b9c1d-7a2f-4d6e-8b0a-3c9f1e5d7a24", name: "sentiment-kfp2")

  /// The runs, newest last.
  static let runs: [Run] = [
    run(
      id: "c2a7e4f1-9b3d-4e8a-a1f6-0d5c7b2e9f31", stamp: "0331-0830", minutes: 41,
      parameters: ["learning_rate": "0.001", "epochs": "3"],
      metrics: [
        ("train", ["accuracy": .number(0.97), "converged": .bool(true)]),
        // 0.1 + 0.2 + 0.65, as a pipeline computes it: KFP 2.x shows every digit.
        ("evaluate", ["accuracy": .number(0.1 + 0.2 + 0.65)]),
      ]),
    run(
      id: "4f8d1a6c-2e5b-4c9f-b3a7-8e1d6f0c2b58", stamp: "0331-1245", minutes: 38,
      parameters: ["learning_rate": "0.01", "epochs": "3"],
      metrics: [
        ("train", ["accuracy": .number(0.7 + 0.1), "converged": .bool(false)]),
        ("evaluate", ["accuracy": .number(0.755)]),
      ]),
    run(
      id: "9d0e3b7a-6c1f-4a2d-8f5e-b7c4a9d1e063", stamp: "0331-1710", minutes: nil,
      parameters: ["learning_rate": "0.003", "epochs": "5"],
      metrics: [("train", ["accuracy": .number(0.962)])],
      notes: ["task evaluate: not finished"]),
  ]

  private static func run(
    id: String, stamp: String, minutes: Int?, parameters: KeyValuePairs<String, String>,
    metrics: [(task: String, values: KeyValuePairs<String, V2Metric.Value>)],
    notes: [String] = []
  ) -> Run {
    let created = RFC3339.parse(
      "2026-\(stamp.prefix(2))-\(stamp.dropFirst(2).prefix(2))T\(stamp.suffix(4).prefix(2)):"
        + "\(stamp.suffix(2)):00Z")!
    return Run(
      id: id, name: "sentiment-v2-\(stamp)", status: minutes == nil ? .running : .succeeded,
      createdAt: created, finishedAt: minutes.map { created.addingTimeInterval(Double($0 * 60)) },
      experiment: experiment, pipeline: "sentiment-train",
      parameters: parameters.map { Parameter(name: $0.key, value: $0.value) },
      metrics: metrics.flatMap { task, values in
        values.compactMap { name, value in
          V2Metric.metric(
            name: name, node: V2Metric.node(task: task, output: "metrics"), value: value)
        }
      },
      notes: notes)
  }
}
