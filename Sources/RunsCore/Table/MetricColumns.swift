/// Which metrics become columns: the most prevalent first (SPEC §5.1).
public enum MetricColumns {
  /// Every metric name with the number of runs that have it (a finite entry), ordered by
  /// that count descending, then by name ascending.
  public static func prevalence(in runs: [Run]) -> [(name: String, count: Int)] {
    var counts: [String: Int] = [:]
    var seenInRun = Set<String>()
    for run in runs {
      let metrics = run.metrics
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
          if !duplicate { counts[name, default: 0] += 1 }
        }
      } else {
        seenInRun.removeAll(keepingCapacity: true)
        for metric in metrics where metric.value.isFinite && seenInRun.insert(metric.name).inserted
        {
          counts[metric.name, default: 0] += 1
        }
      }
    }
    return counts.map { (name: $0.key, count: $0.value) }
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
