/// The names a query can use: the metrics and parameters the runs have, and the attributes
/// every run has.
public struct QueryNames: Sendable, Hashable {
  /// Metric names.
  public var metrics: Set<String>
  /// Parameter names.
  public var parameters: Set<String>

  /// Names from lists.
  public init(metrics: some Sequence<String> = [], parameters: some Sequence<String> = []) {
    self.metrics = Set(metrics)
    self.parameters = Set(parameters)
  }

  /// The names `runs` have.
  public init(runs: [Run]) {
    var metrics = Set<String>()
    var parameters = Set<String>()
    for run in runs {
      for metric in run.metrics where metric.value.isFinite { metrics.insert(metric.name) }
      for parameter in run.parameters { parameters.insert(parameter.name) }
    }
    self.metrics = metrics
    self.parameters = parameters
  }

  /// Every name, sorted: metrics, then parameters, then attributes (for completion).
  public var all: [String] {
    metrics.sorted() + parameters.subtracting(metrics).sorted()
      + QueryAttribute.allCases.map(\.rawValue)
  }
}

/// What every run has besides metrics and parameters.
public enum QueryAttribute: String, Sendable, Hashable, CaseIterable {
  case name, id, status, experiment, pipeline, created, finished, duration

  /// The attribute `text` names (any case), MLflow's names included (`run_name`, `run_id`,
  /// `start_time`, `end_time`).
  public init?(named text: String) {
    let lowered = text.lowercased()
    if let attribute = QueryAttribute(rawValue: lowered) {
      self = attribute
      return
    }
    switch lowered {
    case "run_name": self = .name
    case "run_id": self = .id
    case "start_time": self = .created
    case "end_time": self = .finished
    default: return nil
    }
  }
}

/// Close matches for a mistyped name.
enum NameSuggestions {
  /// Up to `limit` of `candidates` closest to `typed` (edit distance, ignoring case; a
  /// candidate that contains what was typed, or starts with something close to it, counts as
  /// close: `acuracy` finds `accuracy-score`), closest first, then by name.
  static func closest(to typed: String, among candidates: some Sequence<String>, limit: Int = 3)
    -> [String]
  {
    let lowered = Array(typed.lowercased())
    let most = Swift.max(2, lowered.count / 3)
    var scored: [(distance: Int, name: String)] = []
    for candidate in candidates {
      let other = Array(candidate.lowercased())
      var distance = editDistance(lowered, other, bound: most)
      if lowered.count >= 3, other.count > lowered.count {
        if candidate.lowercased().contains(typed.lowercased()) {
          distance = Swift.min(distance, 1)
        } else {
          for length in (lowered.count - 1)...(lowered.count + 1) where length <= other.count {
            let start = editDistance(lowered, Array(other.prefix(length)), bound: most)
            distance = Swift.min(distance, start + 1)
          }
        }
      }
      if distance <= most { scored.append((distance, candidate)) }
    }
    scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
    return scored.prefix(limit).map(\.name)
  }

  /// Levenshtein distance with adjacent transpositions counted as one edit; anything over
  /// `bound` is reported as `bound + 1`.
  static func editDistance(_ a: [Character], _ b: [Character], bound: Int) -> Int {
    if abs(a.count - b.count) > bound { return bound + 1 }
    if a.isEmpty || b.isEmpty { return Swift.max(a.count, b.count) }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = Swift.min(value, before[j - 2] + 1)
        }
        current[j] = value
        rowMinimum = Swift.min(rowMinimum, value)
      }
      if rowMinimum > bound { return bound + 1 }
      (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
  }
}
