/// Which metrics become columns: the most prevalent first (SPEC §5.1).
public enum MetricColumns {
  /// Every metric name with the number of runs that have it (a finite entry), ordered by
  /// that count descending, then by name ascending.
  public static func prevalence(in runs: [Run]) -> [(name: String, count: Int)] {
    var tally = NameTally()
    var seenInRun = Set<String>()
    // Through buffers, so each run's metrics are read in place instead of copying the run.
    runs.withUnsafeBufferPointer { runs in
      for run in runs.indices {
        runs[run].metrics.withUnsafeBufferPointer { metrics in
          if metrics.count <= 8 {
            // Few entries: a quadratic duplicate check beats hashing into a set.
            for index in metrics.indices where metrics[index].value.isFinite {
              let name = metrics[index].name
              var duplicate = false
              for earlier in 0..<index
              where metrics[earlier].name == name && metrics[earlier].value.isFinite {
                duplicate = true
                break
              }
              if !duplicate { tally.add(name) }
            }
          } else {
            seenInRun.removeAll(keepingCapacity: true)
            for metric in metrics
            where metric.value.isFinite && seenInRun.insert(metric.name).inserted {
              tally.add(metric.name)
            }
          }
        }
      }
    }
    return zip(tally.names, tally.counts).map { (name: $0, count: $1) }
      .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
  }

  /// The `n` most prevalent metric names (fewer when the runs have fewer metrics).
  public static func top(_ n: Int, in runs: [Run]) -> [String] {
    guard n > 0 else { return [] }
    return prevalence(in: runs).prefix(n).map(\.name)
  }

  /// Every metric name, most prevalent first, then by name.
  public static func all(in runs: [Run]) -> [String] {
    prevalence(in: runs).map(\.name)
  }

  /// The format of a metric: that of the run-level entry in the first run that has it;
  /// `.unspecified` when no run has it.
  public static func format(of name: String, in runs: [Run]) -> MetricFormat {
    for run in runs {
      if let metric = run.metric(named: name) { return metric.format }
    }
    return .unspecified
  }
}

/// Counts of metric names. Runs mostly share a handful of names, and comparing against a few
/// known names costs less than hashing each one, so a dictionary is built only once there are
/// many names.
private struct NameTally {
  private static let linearLimit = 16
  private(set) var names: [String] = []
  private(set) var counts: [Int] = []
  private var slots: [String: Int] = [:]

  mutating func add(_ name: String) {
    if slots.isEmpty {
      for index in names.indices where names[index] == name {
        counts[index] += 1
        return
      }
    } else if let index = slots[name] {
      counts[index] += 1
      return
    }
    names.append(name)
    counts.append(1)
    if !slots.isEmpty {
      slots[name] = names.count - 1
    } else if names.count > Self.linearLimit {
      for (index, known) in names.enumerated() { slots[known] = index }
    }
  }
}
