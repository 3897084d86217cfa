import Foundation
import RunsCore
import RunsOutput

/// Small hand-made runs for the renderer tests.
enum SampleRuns {
  static let start = Date(timeIntervalSince1970: 1_767_323_045)  // 2026-01-02T03:04:05Z

  /// Reports `accuracy` from two nodes: the run-level value is node `eval`'s 0.5 (first in
  /// node-id order), not the first read.
  static let baseline = Run(
    id: "id-1", name: "baseline", status: .succeeded, createdAt: start,
    finishedAt: start.addingTimeInterval(3725), experiment: ExperimentRef(id: "e1", name: "mnist"),
    pipeline: "train", parameters: [Parameter(name: "lr", value: "0.1")],
    metrics: [
      Metric(name: "accuracy", nodeID: "train", value: 0.91, format: .percentage),
      Metric(name: "loss", nodeID: "train", value: 0.25, format: .raw),
      Metric(name: "accuracy", nodeID: "eval", value: 0.5, format: .percentage),
    ])

  static let tuned = Run(
    id: "id-2", name: "tuned, \"v2\"|x", status: .running,
    createdAt: start.addingTimeInterval(60), experiment: ExperimentRef(id: "e2", name: "fashion"),
    metrics: [
      Metric(name: "accuracy", nodeID: ".", value: 0.95675, format: .percentage),
      Metric(name: "f1", nodeID: ".", value: 24, format: .unspecified),
    ])

  static let bare = Run(id: "id-3", name: "bare\u{1B}[31m")

  static let all = [baseline, tuned, bare]
}
