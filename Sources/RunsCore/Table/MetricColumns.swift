/// Which metrics become columns: the most prevalent first (SPEC §5.1).
public enum MetricColumns {
  /// Every metric name with the number of runs that have it (a finite entry), ordered by
  /// that count descending, then by name ascending.
  public static func prevalence(in runs: [Run]) -> [(name: String, count: Int)] {
    MetricCounts(runs).prevalence()
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
