/// The KFP 2.x metrics of one run, read from ML Metadata (SPEC §2.5).
public struct V2RunMetrics: Sendable, Hashable {
  /// The run's metric entries (node `<task> > <output>`), text values included (for details).
  public var metrics: [Metric]
  /// Lines for the run's details: failed, running and cached tasks.
  public var notes: [String]
  /// What could not be used (non-finite values).
  public var problems: [Problem]

  /// Creates the result.
  public init(metrics: [Metric] = [], notes: [String] = [], problems: [Problem] = []) {
    self.metrics = metrics
    self.notes = notes
    self.problems = problems
  }
}

extension V2RunMetrics {
  /// Extracts a run's metrics from its executions, artifacts and events, as the KFP v2 UI does:
  /// every OUTPUT event from one of the run's executions to a `system.Metrics` artifact gives
  /// one metrics artifact, whose custom properties (but `display_name`, `store_session_info`)
  /// are its metrics, under node `<display_name|task_name> > <event path key>`.
  ///
  /// An artifact's type is its `type` name when the server fills it, else its type id is looked
  /// up in `metricsTypeIDs`. Events of executions outside the run (the earlier run of a cached
  /// task) are ignored; a cached task's own events count. `location` and `runID` go to
  /// problems.
  public init(
    executions: [MLMD.Execution], artifacts: [MLMD.Artifact], events: [MLMD.Event],
    metricsTypeIDs: Set<Int64> = [], location: String, runID: String
  ) {
    self.init()
    var executionsByID: [Int64: MLMD.Execution] = [:]
    for execution in executions { executionsByID[execution.id] = execution }
    var metricsArtifacts: [Int64: MLMD.Artifact] = [:]
    for artifact in artifacts
    where artifact.type == MLMD.metricsArtifactType
      || (artifact.type.isEmpty && metricsTypeIDs.contains(artifact.typeID))
    {
      metricsArtifacts[artifact.id] = artifact
    }
    let outputs = events.filter {
      $0.type == MLMD.outputEvent && executionsByID[$0.executionID] != nil
        && metricsArtifacts[$0.artifactID] != nil
    }
    var seen = Set<[Int64]>()
    for event in outputs.sorted(by: {
      ($0.executionID, $0.artifactID) < ($1.executionID, $1.artifactID)
    })
    where seen.insert([event.executionID, event.artifactID]).inserted {
      let execution = executionsByID[event.executionID]!
      let artifact = metricsArtifacts[event.artifactID]!
      let task = execution.taskLabel
      let node = V2Metric.node(
        task: task.isEmpty ? "-" : task, output: (event.key ?? "").isEmpty ? "-" : event.key!)
      read(artifact, node: node, location: location, runID: runID)
    }
    for execution in executions.sorted(by: { $0.id < $1.id }) {
      let task = execution.taskLabel
      guard !task.isEmpty, let state = execution.state else { continue }
      switch state {
      case .failed: notes.append("task \(task): failed (KFP records no metrics for a failed task)")
      case .running, .new: notes.append("task \(task): not finished")
      case .cached: notes.append("task \(task): cached (outputs of an earlier run)")
      case .canceled: notes.append("task \(task): canceled")
      case .unknown, .complete: break
      }
    }
  }

  /// Adds one metrics artifact's properties, sorted by name as the KFP UI lists them; of a
  /// name sent twice the last value counts.
  private mutating func read(
    _ artifact: MLMD.Artifact, node: String, location: String, runID: String
  ) {
    var byName: [String: MLMD.Value] = [:]
    for property in artifact.properties { byName[property.name] = property.value }
    for name in byName.keys.sorted() where V2Metric.isMetric(property: name) {
      let value = byName[name]!
      if let metric = V2Metric.metric(name: name, node: node, value: value) {
        metrics.append(metric)
      } else if case .number(let number) = value {
        problems.append(
          Problem(
            location: location, severity: .error,
            message: "\(node): " + V2Metric.nonFiniteMessage(name: name, value: number),
            runID: runID))
      }
    }
  }
}
