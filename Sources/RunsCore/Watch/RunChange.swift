import Foundation

/// What changed about one run between two reads of a source.
public struct RunChange: Sendable, Hashable {
  /// One observed difference.
  public enum Kind: Sendable, Hashable {
    /// The run appeared.
    case added
    /// The run is gone from the source.
    case removed
    /// The run's phase changed; `nil` where the source did not say.
    case status(old: RunStatus?, new: RunStatus?)
    /// A run-level metric value changed, appeared (`old` nil) or disappeared (`new` nil).
    case metric(name: String, old: Double?, new: Double?, format: MetricFormat)
  }

  /// The run's id.
  public var runID: String
  /// The run's display name (the new one, or the last known for a removed run).
  public var runName: String
  /// What changed.
  public var kind: Kind

  /// Creates a change.
  public init(runID: String, runName: String, kind: Kind) {
    self.runID = runID
    self.runName = runName
    self.kind = kind
  }

  /// Every change from `old` to `new` for one run (either side `nil` when the run is absent):
  /// added, removed, or its status then its run-level metrics in name order.
  public static func between(_ old: Run?, _ new: Run?) -> [RunChange] {
    switch (old, new) {
    case (nil, nil): return []
    case (nil, let new?): return [RunChange(runID: new.id, runName: new.name, kind: .added)]
    case (let old?, nil): return [RunChange(runID: old.id, runName: old.name, kind: .removed)]
    case (let old?, let new?):
      var changes: [RunChange] = []
      if old.status != new.status {
        changes.append(
          RunChange(
            runID: new.id, runName: new.name, kind: .status(old: old.status, new: new.status)))
      }
      let before = old.runLevelMetrics()
      let after = new.runLevelMetrics()
      for name in Set(before.keys).union(after.keys).sorted() {
        let was = before[name]
        let now = after[name]
        guard was?.value != now?.value else { continue }
        let format = now?.format ?? was?.format ?? .unspecified
        changes.append(
          RunChange(
            runID: new.id, runName: new.name,
            kind: .metric(name: name, old: was?.value, new: now?.value, format: format)))
      }
      return changes
    }
  }

  /// Every change from the runs `old` to the runs `new`, matched by id: changed and added runs
  /// in `new`'s order, then removed runs in `old`'s order.
  public static func between(old: [Run], new: [Run]) -> [RunChange] {
    var previous: [String: Run] = [:]
    previous.reserveCapacity(old.count)
    for run in old { previous[run.id] = run }
    var changes: [RunChange] = []
    var seen = Set<String>()
    for run in new where seen.insert(run.id).inserted {
      changes += between(previous[run.id], run)
    }
    for run in old where !seen.contains(run.id) {
      seen.insert(run.id)
      changes += between(run, nil)
    }
    return changes
  }
}

extension RunChange.Kind {
  /// For a metric change between two values: `true` when it went up, `false` when down.
  public var wentUp: Bool? {
    guard case .metric(_, let old?, let new?, _) = self, old != new else { return nil }
    return new > old
  }

  /// For a metric change between two values: whether it got better by the metric's direction
  /// (higher is better unless the name looks like a cost).
  public var gotBetter: Bool? {
    guard case .metric(let name, _, _, _) = self, let up = wentUp else { return nil }
    return up == MetricDirection.higherIsBetter(name)
  }
}
