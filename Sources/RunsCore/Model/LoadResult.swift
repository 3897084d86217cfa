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
