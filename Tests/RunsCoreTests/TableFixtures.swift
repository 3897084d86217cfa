import Foundation

@testable import RunsCore

/// Small builders for runs in table tests.
enum Fixture {
  static func run(
    _ id: String, name: String? = nil, created: Double? = nil, finished: Double? = nil,
    status: RunStatus? = nil, experiment: String? = nil, pipeline: String? = nil,
    parameters: [(String, String)] = [], metrics: [(String, Double)] = [],
    format: MetricFormat = .raw
  ) -> Run {
    Run(
      id: id, name: name ?? id, status: status,
      createdAt: created.map { Date(timeIntervalSince1970: $0) },
      finishedAt: finished.map { Date(timeIntervalSince1970: $0) },
      experiment: experiment.map { ExperimentRef(id: $0, name: $0) }, pipeline: pipeline,
      parameters: parameters.map { Parameter(name: $0.0, value: $0.1) },
      metrics: metrics.map { Metric(name: $0.0, nodeID: "step", value: $0.1, format: format) })
  }
}
