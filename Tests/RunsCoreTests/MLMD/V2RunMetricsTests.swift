import Testing

@testable import RunsCore

@Suite struct V2RunMetricsTests {
  typealias Recorded = MLMDRecordedBytes

  private func execution(
    _ id: Int64, _ display: String?, task: String = "", state: MLMD.ExecutionState = .complete
  ) -> MLMD.Execution {
    var execution = MLMD.Execution()
    execution.id = id
    execution.state = state
    if let display {
      execution.properties.append(.init(name: "display_name", value: .string(display)))
    }
    execution.properties.append(.init(name: "task_name", value: .string(task)))
    return execution
  }

  private func artifact(
    _ id: Int64, type: String = "system.Metrics", typeID: Int64 = 0,
    _ properties: [(String, MLMD.Value)]
  ) -> MLMD.Artifact {
    var artifact = MLMD.Artifact()
    artifact.id = id
    artifact.type = type
    artifact.typeID = typeID
    artifact.properties = properties.map { MLMD.Property(name: $0.0, value: $0.1) }
    return artifact
  }

  @Test func recordedRunGivesTheUIsTable() throws {
    let result = V2RunMetrics(
      executions: try MLMD.decodeExecutions(Recorded.bytes(Recorded.executions)).items,
      artifacts: try MLMD.decodeArtifacts(Recorded.bytes(Recorded.artifacts)).items,
      events: try MLMD.decodeEvents(Recorded.bytes(Recorded.events)),
      location: "http://mlmd", runID: "run-1")
    // Sorted by name as the UI's map lists them; display_name skipped; text kept as text.
    #expect(result.metrics.map(\.name) == ["accuracy", "cfg", "epochs", "flag", "note"])
    #expect(Set(result.metrics.map(\.nodeID)) == ["train > metrics"])
    #expect(
      result.metrics.map(\.displayText) == [
        "0.95", #"{"list":[1,"a",true,null]}"#, "12", "true", #""baseline""#,
      ])
    #expect(result.metrics.filter(\.isNumeric).map(\.name) == ["accuracy", "epochs", "flag"])
    #expect(result.problems.isEmpty)
    #expect(result.notes.isEmpty)
  }

  @Test func onlyOutputEventsOfTheRunsExecutionsToMetricsArtifacts() {
    let executions = [
      execution(1, "train", task: "train-2"), execution(2, nil, task: "eval"),
      execution(3, "", task: "", state: .running),
    ]
    let artifacts = [
      artifact(10, [("accuracy", .number(0.9)), ("store_session_info", .string("{}"))]),
      artifact(11, type: "system.Artifact", [("size", .number(3))]),
      artifact(12, type: "", typeID: 7, [("loss", .number(0.1))]),
      artifact(13, [("old", .number(1))]),
    ]
    let events = [
      MLMD.Event(artifactID: 10, executionID: 1, type: 4, key: "metrics"),
      MLMD.Event(artifactID: 10, executionID: 2, type: 3, key: "metrics"),  // INPUT
      MLMD.Event(artifactID: 11, executionID: 1, type: 4, key: "executor-logs"),
      MLMD.Event(artifactID: 12, executionID: 2, type: 4, key: "eval_metrics"),
      MLMD.Event(artifactID: 13, executionID: 99, type: 4, key: "metrics"),  // another run
      MLMD.Event(artifactID: 10, executionID: 1, type: 4, key: "metrics"),  // sent twice
    ]
    let result = V2RunMetrics(
      executions: executions, artifacts: artifacts, events: events, metricsTypeIDs: [7],
      location: "x", runID: "r")
    #expect(
      result.metrics.map { "\($0.nodeID) \($0.name)" } == [
        "train > metrics accuracy", "eval > eval_metrics loss",
      ])
  }

  @Test func stateNotesAndNonFiniteProblems() {
    let executions = [
      execution(1, "boom", state: .failed), execution(2, "slow", state: .running),
      execution(3, "again", state: .cached), execution(4, "", state: .failed),
    ]
    let artifacts = [artifact(10, [("loss", .number(.nan)), ("ok", .number(1))])]
    let events = [MLMD.Event(artifactID: 10, executionID: 3, type: 4, key: "metrics")]
    let result = V2RunMetrics(
      executions: executions, artifacts: artifacts, events: events, location: "http://m",
      runID: "r")
    #expect(result.metrics.map(\.name) == ["ok"])
    #expect(result.problems.count == 1)
    #expect(
      result.problems.first?.message.hasPrefix("again > metrics: metric \"loss\" is NaN") == true)
    #expect(result.problems.first?.runID == "r")
    #expect(
      result.notes == [
        "task boom: failed (KFP records no metrics for a failed task)", "task slow: not finished",
        "task again: cached (outputs of an earlier run)",
      ])
  }

  @Test func runContextsFilterQuotesTheRunIDs() {
    #expect(
      MLMD.runContextsFilter(runIDs: [#"a'b\c"#, "r2"])
        == #"type = 'system.PipelineRun' AND (name = 'a\'b\\c' OR name = 'r2')"#
    )
  }
}
