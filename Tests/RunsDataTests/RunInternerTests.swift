import Foundation
import RunsCore
import Testing

@testable import RunsData

/// Where a string's UTF-8 is stored: two strings with one address share one copy.
private func storage(_ text: String) -> UnsafeRawPointer? {
  var text = text
  return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
}

private func storage<T>(_ array: [T]) -> UnsafeRawPointer? {
  array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
}

@Suite struct RunInternerTests {
  /// Each run's files are parsed on their own, so without interning every run would hold its own
  /// copy of the experiment, pipeline, parameters and long metric names.
  @Test func runsLoadedFromADirectoryShareWhatTheyRepeat() throws {
    let tree = try TemporaryTree()
    for run in ["a", "b", "c"] {
      try tree.write(
        "\(run)/run.json",
        """
        {"id": "\(run)", "name": "\(run)",
         "resource_references": [{"key": {"type": "EXPERIMENT", "id": "experiment-id-0123456789"},
                                  "name": "an-experiment-with-a-long-name"}],
         "pipeline_spec": {"pipeline_name": "hyperparameter-sweep-pipeline",
                           "parameters": [{"name": "learning_rate", "value": "0.001"}]}}
        """)
      try tree.write(
        "\(run)/train-\(run)/mlpipeline-metrics.json",
        metricsJSON([("validation-accuracy-score", 0.5, nil), ("loss", 1, nil)]))
    }
    let runs = DirectorySource(root: tree.root).load().runs
    try #require(runs.count == 3)
    let first = runs[0]
    let firstExperiment = try #require(first.experiment)
    let firstPipeline = try #require(first.pipeline)
    for run in runs.dropFirst() {
      let experiment = try #require(run.experiment)
      #expect(storage(experiment.id) == storage(firstExperiment.id))
      #expect(storage(experiment.name) == storage(firstExperiment.name))
      #expect(storage(try #require(run.pipeline)) == storage(firstPipeline))
      #expect(storage(run.parameters) == storage(first.parameters))
      #expect(storage(run.metrics[0].name) == storage(first.metrics[0].name))
      // What differs stays each run's own.
      #expect(storage(run.metrics) != storage(first.metrics))
      #expect(storage(run.metrics[0].nodeID) != storage(first.metrics[0].nodeID))
    }
  }

  @Test func internedRunsAreEqualToTheRunsGiven() {
    var interner = RunInterner()
    let metric = Metric(name: "a-metric-name-longer-than-15", nodeID: "n", value: 1, format: .raw)
    let run = Run(
      id: "id", name: "name", experiment: ExperimentRef(id: "experiment-id-long-enough", name: "x"),
      pipeline: "pipeline-name-long-enough", parameters: [Parameter(name: "p", value: "v")],
      metrics: [metric, Metric(name: "short", nodeID: "n", value: 2, format: .raw)])
    var other = run
    other.experiment = ExperimentRef(id: "another-experiment-id", name: "y")
    other.metrics[0].value = 3
    for original in [run, other, run] {
      var interned = original
      interner.intern(&interned)
      #expect(interned == original)
    }
  }
}
