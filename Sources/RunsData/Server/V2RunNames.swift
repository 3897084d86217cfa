import RunsCore

/// The names v2beta1 runs give only by id: their experiment's (from the experiments listing)
/// and their pipeline's (`GET /apis/v2beta1/pipelines/{id}`, looked up once each). A load
/// fills it and a watch goes on with it.
struct V2RunNames: Sendable {
  /// Experiment names by id.
  var experiments: [String: String] = [:]
  /// Pipeline names by id; `.some(nil)` once a lookup found none.
  var pipelines: [String: String?] = [:]
  /// Experiment ids the listing was read again for, so an id that never resolves costs one
  /// listing, not one a poll.
  private var relisted: Set<String> = []

  /// Gives `runs` their experiment and pipeline names, looking up each pipeline not asked
  /// about before; returns the lookups' problems.
  mutating func name(
    _ runs: inout [Run], pipelineIDs: [String: String], source: KFPServerSource
  ) async -> [Problem] {
    var problems: [Problem] = []
    for index in runs.indices {
      if let id = runs[index].experiment?.id, let name = experiments[id] {
        runs[index].experiment = ExperimentRef(id: id, name: name)
      }
      guard let pipelineID = pipelineIDs[runs[index].id] else { continue }
      if pipelines[pipelineID] == nil {
        let looked = await source.pipelineName(id: pipelineID)
        pipelines[pipelineID] = .some(looked.name)
        problems += looked.problem.map { [$0] } ?? []
      }
      runs[index].pipeline = pipelines[pipelineID] ?? nil
    }
    return problems
  }

  /// Reads the experiments listing again when `runs` name an experiment created after it was
  /// read (a watch meets new runs in new experiments), once per unknown id.
  mutating func learnExperiments(of runs: [Run], source: KFPServerSource) async {
    let unknown = Set(runs.compactMap(\.experiment?.id)).subtracting(experiments.keys)
      .subtracting(relisted)
    guard !unknown.isEmpty else { return }
    relisted.formUnion(unknown)
    let listed = await source.listExperiments(version: .v2)
    for experiment in listed.experiments { experiments[experiment.id] = experiment.name }
  }
}
