import RunsCore

extension LoadResult {
  /// A result for `runs` whose experiments are those the runs name, in first-seen order.
  public static func collecting(runs: [Run], problems: [Problem]) -> LoadResult {
    LoadResult(runs: runs, experiments: experiments(of: runs), problems: problems)
  }

  /// The distinct experiments `runs` belong to, in first-seen order.
  public static func experiments(of runs: [Run]) -> [ExperimentRef] {
    var seen = Set<ExperimentRef>()
    return runs.compactMap { run in
      guard let experiment = run.experiment, seen.insert(experiment).inserted else { return nil }
      return experiment
    }
  }
}
