/// What a source produced: the runs, the experiments it knows, and every problem met.
public struct LoadResult: Sendable {
  /// The runs, in source order.
  public var runs: [Run]
  /// The experiments the source knows (from runs, or listed by a server).
  public var experiments: [ExperimentRef]
  /// Every file, entry or request that could not be used.
  public var problems: [Problem]

  /// Creates a load result.
  public init(runs: [Run] = [], experiments: [ExperimentRef] = [], problems: [Problem] = []) {
    self.runs = runs
    self.experiments = experiments
    self.problems = problems
  }
}
