/// What one `mlpipeline-metrics.json` file yielded: its valid entries and every problem found.
public struct MetricsFileResult: Sendable, Hashable {
  /// The valid entries, in file order (a duplicate name only once, its first valid entry).
  public var metrics: [Metric]
  /// The file-level and per-entry problems, in file order.
  public var problems: [Problem]

  /// Creates a result.
  public init(metrics: [Metric] = [], problems: [Problem] = []) {
    self.metrics = metrics
    self.problems = problems
  }
}
