/// The compare view's content (SPEC §5.3): one column per run, one row per metric of any of
/// the runs, and the runs' parameters.
public struct CompareMatrix: Sendable {
  /// The compared runs, in the order given (table order); run index 0 is the delta base.
  public let runs: [Run]
  /// Every metric any run has, most runs first, then by name; then the names that only KFP 2.x
  /// text values have (shown, never compared as numbers), in the same order.
  public let metricNames: [String]
  /// Every parameter any run has, most runs first, then in first-seen order.
  public let parameterNames: [String]
  /// Per metric name, `true` when higher is better; names not in here follow
  /// `MetricDirection.higherIsBetter`. The compare view's `d` key flips a row by storing
  /// `!higherIsBetter(row:)` here.
  public let directionOverrides: [String: Bool]

  /// Row-major, `[row * runs.count + run]`: the index of the run-level entry in that run's
  /// `metrics`, -1 when missing. (Indices, not `Metric` copies: comparing every run of a
  /// large table must not copy every entry.)
  private let entries: [Int32]
  private let formats: [MetricFormat]
  private let bests: [Set<Int>]

  /// Builds the matrix of `runs`.
  public init(runs: [Run], directionOverrides: [String: Bool] = [:]) {
    self.runs = runs
    self.directionOverrides = directionOverrides
    let names = MetricColumns.all(in: runs) + Self.textOnlyNames(runs)
    metricNames = names
    let entries = Self.runLevelEntries(runs, names: names)
    self.entries = entries
    // The format of the first run that has the row's metric, as `MetricColumns.format(of:in:)`
    // gives, read off the entries already found (one scan per name would be quadratic).
    formats = names.indices.map { row in
      for run in runs.indices where entries[row * runs.count + run] >= 0 {
        return runs[run].metrics[Int(entries[row * runs.count + run])].format
      }
      return .unspecified
    }
    let runCount = runs.count
    bests = names.indices.map { row in
      let higher = directionOverrides[names[row]] ?? MetricDirection.higherIsBetter(names[row])
      let values = (0..<runCount).compactMap { run -> (run: Int, value: Double)? in
        let entry = entries[row * runCount + run]
        guard entry >= 0, runs[run].metrics[Int(entry)].isNumeric else { return nil }
        return (run, runs[run].metrics[Int(entry)].value)
      }
      guard
        let best = higher
          ? values.map(\.value).max() : values.map(\.value).min()
      else { return [] }
      return Set(values.filter { $0.value == best }.map(\.run))
    }
    parameterNames = Self.orderedParameterNames(runs)
  }

  /// The run-level entry of metric row `row` in run `run`; `nil` when missing or out of range.
  public func metric(row: Int, run: Int) -> Metric? {
    guard metricNames.indices.contains(row), runs.indices.contains(run) else { return nil }
    let entry = entries[row * runs.count + run]
    return entry < 0 ? nil : runs[run].metrics[Int(entry)]
  }

  /// The format of row `row`'s metric (from the first run that has it).
  public func format(row: Int) -> MetricFormat {
    formats.indices.contains(row) ? formats[row] : .unspecified
  }

  /// Whether a higher value is better in row `row`, overrides included.
  public func higherIsBetter(row: Int) -> Bool {
    guard metricNames.indices.contains(row) else { return true }
    let name = metricNames[row]
    return directionOverrides[name] ?? MetricDirection.higherIsBetter(name)
  }

  /// The runs holding the best value of row `row`: several when they tie, the only one when
  /// one run has the metric, none for a row out of range.
  public func best(row: Int) -> Set<Int> {
    bests.indices.contains(row) ? bests[row] : []
  }

  /// Whether row `row` says nothing that tells the runs apart: every run has the metric and
  /// all values are equal (so with one run, every row). `x` hides these rows.
  public func isUniform(row: Int) -> Bool {
    guard metricNames.indices.contains(row), !runs.isEmpty else { return false }
    guard let first = metric(row: row, run: 0) else { return false }
    return runs.indices.allSatisfy {
      guard let other = metric(row: row, run: $0) else { return false }
      return first.isNumeric ? other.value == first.value : other.text == first.text
    }
  }

  /// Run `run`'s value in row `row` against run 0's; `nil` when either is missing.
  public func delta(row: Int, run: Int) -> MetricDelta? {
    guard let value = metric(row: row, run: run)?.value,
      let first = metric(row: row, run: 0)?.value, value.isFinite, first.isFinite
    else { return nil }
    return MetricDelta(value: value, first: first)
  }

  /// Run `run`'s value of parameter row `row`; `nil` when it has no such parameter.
  public func parameter(row: Int, run: Int) -> String? {
    guard parameterNames.indices.contains(row), runs.indices.contains(run) else { return nil }
    let name = parameterNames[row]
    return runs[run].parameters.first { $0.name == name }?.value
  }

  /// Whether every run has parameter row `row` with the same value.
  public func isParameterUniform(row: Int) -> Bool {
    guard let first = parameter(row: row, run: 0) else { return false }
    return runs.indices.allSatisfy { parameter(row: row, run: $0) == first }
  }

  /// For every (row, run), the entry `Run.metric(named:)` picks (the finite entry of the first
  /// node in node-id order), found in one pass over each run's entries; where a run has no
  /// finite entry, its KFP 2.x text entry of the first node.
  private static func runLevelEntries(_ runs: [Run], names: [String]) -> [Int32] {
    var rowOf: [String: Int] = [:]
    for (row, name) in names.enumerated() { rowOf[name] = row }
    var entries = [Int32](repeating: -1, count: names.count * runs.count)
    for (column, run) in runs.enumerated() {
      let metrics = run.metrics
      for (index, metric) in metrics.enumerated()
      where metric.value.isFinite || metric.text != nil {
        guard let row = rowOf[metric.name] else { continue }
        let slot = row * runs.count + column
        let current = entries[slot]
        guard current >= 0 else {
          entries[slot] = Int32(index)
          continue
        }
        let held = metrics[Int(current)]
        // A number beats a text; between two of a kind, the first node in node-id order.
        if held.isNumeric != metric.isNumeric {
          if metric.isNumeric { entries[slot] = Int32(index) }
        } else if metric.nodeID < held.nodeID {
          entries[slot] = Int32(index)
        }
      }
    }
    return entries
  }

  /// Names that some run has only as KFP 2.x text values: most runs first, then by name.
  private static func textOnlyNames(_ runs: [Run]) -> [String] {
    var counts: [String: Int] = [:]
    var numeric = Set<String>()
    for run in runs {
      var seenInRun = Set<String>()
      for metric in run.metrics {
        if metric.isNumeric {
          numeric.insert(metric.name)
        } else if metric.text != nil, seenInRun.insert(metric.name).inserted {
          counts[metric.name, default: 0] += 1
        }
      }
    }
    return counts.keys.filter { !numeric.contains($0) }.sorted {
      counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0 < $1
    }
  }

  private static func orderedParameterNames(_ runs: [Run]) -> [String] {
    var firstSeen: [String: Int] = [:]
    var counts: [String: Int] = [:]
    for run in runs {
      var seenInRun = Set<String>()
      for parameter in run.parameters where seenInRun.insert(parameter.name).inserted {
        if firstSeen[parameter.name] == nil { firstSeen[parameter.name] = firstSeen.count }
        counts[parameter.name, default: 0] += 1
      }
    }
    return firstSeen.keys.sorted {
      counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : firstSeen[$0]! < firstSeen[$1]!
    }
  }
}
