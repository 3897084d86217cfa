import Foundation

/// A KFP experiment a run belongs to.
public struct ExperimentRef: Sendable, Hashable {
  /// The experiment id (may equal the name when only a name is known).
  public var id: String
  /// The experiment's display name.
  public var name: String

  /// Creates an experiment reference.
  public init(id: String, name: String) {
    self.id = id
    self.name = name
  }
}

/// One pipeline parameter of a run, in the order the run lists them.
public struct Parameter: Sendable, Hashable {
  /// The parameter name.
  public var name: String
  /// The parameter value, as text.
  public var value: String

  /// Creates a parameter.
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// A pipeline run with its metadata and every metric entry its steps reported.
public struct Run: Sendable, Hashable, Identifiable {
  /// The run id (the directory name when no `run.json` says otherwise).
  public var id: String
  /// The display name.
  public var name: String
  /// The run's phase; `nil` when the source does not say.
  public var status: RunStatus?
  /// When the run was created.
  public var createdAt: Date?
  /// When the run finished; `nil` while it has not.
  public var finishedAt: Date?
  /// The experiment the run belongs to.
  public var experiment: ExperimentRef?
  /// The pipeline's name.
  public var pipeline: String?
  /// Pipeline parameters in the run's own order.
  public var parameters: [Parameter]
  /// Every metric entry of every step, in the order they were read.
  public var metrics: [Metric]
  /// What the source says about the run that no field holds, one line each, for its details
  /// (for `kfp.local`: that no status is recorded, tasks without output, output parameters).
  public var notes: [String]

  /// Creates a run.
  public init(
    id: String, name: String, status: RunStatus? = nil, createdAt: Date? = nil,
    finishedAt: Date? = nil, experiment: ExperimentRef? = nil, pipeline: String? = nil,
    parameters: [Parameter] = [], metrics: [Metric] = [], notes: [String] = []
  ) {
    self.id = id
    self.name = name
    self.status = status
    self.createdAt = createdAt
    self.finishedAt = finishedAt
    self.experiment = experiment
    self.pipeline = pipeline
    self.parameters = parameters
    self.metrics = metrics
    self.notes = notes
  }

  /// The run-level entry of a metric: the finite entry from the first node in node-id order.
  public func metric(named name: String) -> Metric? {
    runLevelIndex(of: name).map { metrics[$0] }
  }

  /// The run-level value of a metric, `nil` when the run does not have it.
  public func value(of name: String) -> Double? {
    runLevelIndex(of: name).map { metrics[$0].value }
  }

  /// Whether more than one node reported a finite value of the metric `name` (the table marks
  /// such a value, whose run-level entry is only the first node's).
  public func hasSeveralNodes(for name: String) -> Bool {
    var first: String?
    for entry in metrics where entry.name == name && entry.value.isFinite {
      if let first, first != entry.nodeID { return true }
      first = first ?? entry.nodeID
    }
    return false
  }

  /// Scans by index so that hot paths (sorting, bars over a million runs) copy no `Metric`.
  private func runLevelIndex(of name: String) -> Int? {
    metrics.withUnsafeBufferPointer { entries -> Int? in
      var best: Int?
      for index in entries.indices where entries[index].name == name {
        guard entries[index].value.isFinite else { continue }
        if let current = best, entries[current].nodeID <= entries[index].nodeID { continue }
        best = index
      }
      return best
    }
  }

  /// The run-level entry of every metric the run has, by name, built in one pass over the
  /// entries: the same entry `metric(named:)` picks (finite, first node in node-id order, the
  /// earlier entry on a tie).
  public func runLevelMetrics() -> [String: Metric] {
    var byName: [String: Metric] = [:]
    for entry in metrics where entry.value.isFinite {
      if let current = byName[entry.name], current.nodeID <= entry.nodeID { continue }
      byName[entry.name] = entry
    }
    return byName
  }

  /// The run-level entries of `names`, in their order (`nil` where the run lacks one). Many
  /// names share one index of the run's entries, so a run with many metrics costs one pass
  /// rather than one scan per name; a few names keep the scans, which beat hashing.
  public func runLevelMetrics(named names: [String]) -> [Metric?] {
    guard names.count > Self.lookupScanLimit else { return names.map { metric(named: $0) } }
    let byName = runLevelMetrics()
    return names.map { byName[$0] }
  }

  /// Up to this many names looked up on one run, a scan per name costs less than an index.
  public static let lookupScanLimit = 8

  /// The names of the metrics this run has (a finite entry), each once, in first-seen order.
  public var metricNames: [String] {
    var seen = Set<String>()
    var names: [String] = []
    for entry in metrics where entry.value.isFinite && seen.insert(entry.name).inserted {
      names.append(entry.name)
    }
    return names
  }

  /// Seconds from creation to finish, `nil` while the run has not finished, and when the times
  /// cannot both be right: finished before created, or more than ``longestDuration`` later.
  public var duration: TimeInterval? {
    guard let createdAt, let finishedAt else { return nil }
    let seconds = finishedAt.timeIntervalSince(createdAt)
    return seconds >= 0 && seconds <= Self.longestDuration ? seconds : nil
  }

  /// The longest duration believed (a year): beyond it a time is wrong, not the run that long.
  public static let longestDuration: TimeInterval = 366 * 86_400
}
