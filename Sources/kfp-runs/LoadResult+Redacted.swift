import RunsCore
import RunsData

extension LoadResult {
  /// The result with every secret of `redactor` replaced in each text a run or problem carries:
  /// a server or proxy may reflect the request's credentials into a run's name or a message.
  func redacted(by redactor: Redactor) -> LoadResult {
    guard !redactor.isEmpty else { return self }
    let text = redactor.redacting
    var result = self
    result.runs = runs.map { run in
      var run = run
      run.id = text(run.id)
      run.name = text(run.name)
      run.pipeline = run.pipeline.map(text)
      run.experiment = run.experiment.map { ExperimentRef(id: text($0.id), name: text($0.name)) }
      run.parameters = run.parameters.map { Parameter(name: text($0.name), value: text($0.value)) }
      for index in run.metrics.indices {
        run.metrics[index].name = text(run.metrics[index].name)
        run.metrics[index].nodeID = text(run.metrics[index].nodeID)
      }
      return run
    }
    result.experiments = experiments.map { ExperimentRef(id: text($0.id), name: text($0.name)) }
    let problem = { (problem: Problem) -> Problem in
      var problem = problem
      problem.location = text(problem.location)
      problem.message = text(problem.message)
      return problem
    }
    result.problems = problems.map(problem)
    result.sourceFailure = sourceFailure.map(problem)
    return result
  }
}
