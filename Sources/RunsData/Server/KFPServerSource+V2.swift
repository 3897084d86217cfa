import Foundation
import RunsCore

/// Runs from a KFP 2.x server's v2beta1 API: names of experiments and pipelines the runs only
/// refer to by id are looked up, once each.
extension KFPServerSource {
  /// Runs from `GET /apis/v2beta1/runs` (`experiment_id` or `namespace` scope); returns the
  /// server's `total_size`. `basis` gets what a watch polls on with.
  func loadV2(
    into result: inout LoadResult, basis: inout PollBasis,
    onPage: ((LoadResult, _ loaded: Int, _ total: Int?) -> Void)?
  ) async -> Int? {
    var scope: [(String, String)] = []
    var names = V2RunNames()
    var namesFailure: Problem?
    if let experiment = options.experiment {
      guard
        let ref = await scopeExperiment(experiment, version: .v2, into: &result, onPage: onPage)
      else { return nil }
      scope = [("experiment_id", ref.id)]
      names.experiments[ref.id] = ref.name
    } else {
      if let namespace = options.namespace { scope = [("namespace", namespace)] }
      // A v2 run names its experiment by id only.
      let listed = await listExperiments(version: .v2)
      for experiment in listed.experiments { names.experiments[experiment.id] = experiment.name }
      namesFailure = listed.sourceFailure
      result.problems += listed.problems.filter { $0 != listed.sourceFailure }
    }

    var seen = SeenExperiments(known: Set(result.experiments.map(\.id)))
    let paged = await collect(
      "runs", query: scope + [("sort_by", "created_at desc")], limit: options.limit,
      noun: "runs", id: \.id, version: .v2,
      decode: { json, location in
        let (page, pipelineIDs) = KFPWireV2.runsPage(from: json, location: location)
        var runs = page.runs
        let lookups = await names.name(&runs, pipelineIDs: pipelineIDs, source: self)
        return Page(
          items: runs, problems: page.problems + lookups, next: page.nextPageToken,
          total: page.totalSize)
      },
      onPage: { runs, problems, loaded, total in
        // Outside the optional call: the experiments count without a listener too.
        let batch = seen.batch(runs: runs, problems: problems)
        onPage?(batch, loaded, total)
      })
    result.experiments += seen.found
    result.take(paged)
    basis = PollBasis(version: .v2, scope: scope, names: names, listed: paged.items)
    if let metricsReader, !result.runs.isEmpty {
      let fetched = await fetchMetrics(result.runs, reader: metricsReader) { batch, _, _ in
        onPage?(batch, paged.items.count, paged.total)
      }
      result.runs = fetched.runs
      result.problems += fetched.problems
      basis.metricsUnread = fetched.unread
      basis.metricsProblems = fetched.readFailures
    }
    if let namesFailure, !paged.items.isEmpty {
      let note = Problem(
        location: namesFailure.location, severity: .warning,
        message: "Experiments show by id: their names could not be listed. "
          + namesFailure.message)
      result.problems.append(note)
      onPage?(LoadResult(problems: [note]), paged.items.count, paged.total)
    }
    return paged.total
  }

  /// The display name of pipeline `id` (`GET /apis/v2beta1/pipelines/{id}`), or the problem.
  func pipelineName(id: String) async -> (name: String?, problem: Problem?) {
    switch await client.get("pipelines/" + ServerURL.encode(id), version: .v2) {
    case .success(let answer):
      let name = answer.json["display_name"]?.stringValue ?? answer.json["name"]?.stringValue
      return (name.flatMap { $0.isEmpty ? nil : $0 }, nil)
    case .failure(let failure):
      var problem = failure.problem
      problem.severity = .warning
      problem.message = "The name of pipeline \(id) could not be read: " + problem.message
      return (nil, problem)
    }
  }
}

/// The experiments a listing's runs name, each reported with the first batch naming it.
struct SeenExperiments {
  /// Experiment ids already known.
  var known: Set<String>
  /// The experiments found so far, in order.
  var found: [ExperimentRef] = []

  /// A batch of `runs` with the experiments they name that were not known yet.
  mutating func batch(runs: [Run], problems: [Problem]) -> LoadResult {
    var batch = LoadResult(runs: runs, problems: problems)
    for run in runs {
      if let experiment = run.experiment, known.insert(experiment.id).inserted {
        batch.experiments.append(experiment)
      }
    }
    found += batch.experiments
    return batch
  }
}
