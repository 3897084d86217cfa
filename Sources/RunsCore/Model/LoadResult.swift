/// What a source produced: the runs, the experiments it knows, and every problem met.
public struct LoadResult: Sendable {
  /// The runs, in source order.
  public var runs: [Run]
  /// The experiments the source knows (from runs, or listed by a server).
  public var experiments: [ExperimentRef]
  /// Every file, entry or request that could not be used.
  public var problems: [Problem]
  /// Set when the source could not be read at all (server unreachable, authentication refused)
  /// before anything loaded: the problem that says why; the CLI exits 3. Also in `problems`.
  public var sourceFailure: Problem?
  /// Set by a source that fetches metrics after its runs (a KFP 2.x server): how many runs'
  /// metrics have arrived, of how many.
  public var metricsProgress: MetricsProgress?

  /// How far fetching metrics after the runs has come: `metrics N of M runs`.
  public struct MetricsProgress: Sendable, Hashable {
    /// Runs whose metrics have arrived (or failed).
    public var done: Int
    /// Runs whose metrics are being fetched.
    public var total: Int

    /// Creates a progress value.
    public init(done: Int, total: Int) {
      self.done = done
      self.total = total
    }
  }

  /// Creates a load result.
  public init(
    runs: [Run] = [], experiments: [ExperimentRef] = [], problems: [Problem] = [],
    sourceFailure: Problem? = nil
  ) {
    self.runs = runs
    self.experiments = experiments
    self.problems = problems
    self.sourceFailure = sourceFailure
  }
}
