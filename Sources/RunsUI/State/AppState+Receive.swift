import RunsCore

extension AppState {
  /// Takes a batch of loaded runs. A run whose id is already known replaces the old one in
  /// place, so batches may repeat runs (a final full result after incremental batches is fine).
  /// After `r`, runs the new load did not bring back are dropped when it finishes.
  /// - Parameters:
  ///   - batch: runs, experiments and problems of this batch.
  ///   - loaded: how many runs the source has delivered so far.
  ///   - total: how many it says it has, when it says.
  ///   - finished: the load is over (successfully or not).
  public mutating func receive(_ batch: LoadResult, loaded: Int, total: Int?, finished: Bool) {
    // The sort keys share the runs array: dropping them first keeps the appends below from
    // copying it.
    model.sortKeys = nil
    if replacing && problemsFromPreviousLoad {
      problems = []
      problemSet = []
      problemsFromPreviousLoad = false
    }
    // Reserving for a big batch saves rehashing; for small ones the growth stays geometric
    // (reserving a little more each time would copy everything per batch).
    if batch.runs.count >= runs.count {
      indexByID.reserveCapacity(runs.count + batch.runs.count)
      runs.reserveCapacity(runs.count + batch.runs.count)
    }
    // The source's own list names experiments; runs may carry only an id.
    for experiment in batch.experiments {
      if experimentIDs.contains(experiment.id),
        let index = experiments.firstIndex(where: { $0.id == experiment.id })
      {
        experiments[index] = experiment
      } else {
        addExperiment(experiment)
      }
    }
    var lastExperimentID: String?
    var added: [Int] = []
    var replaced = false
    for run in batch.runs {
      if replacing { seenDuringReload.insert(run.id) }
      if let index = indexByID[run.id] {
        runs[index] = run
        replaced = true
      } else {
        indexByID[run.id] = runs.count
        added.append(runs.count)
        runs.append(run)
      }
      // Runs mostly come grouped by experiment: skip the set lookup for a repeat.
      if let experiment = run.experiment, experiment.id != lastExperimentID {
        addExperiment(experiment)
        lastExperimentID = experiment.id
      }
    }
    for problem in batch.problems where problemSet.insert(problem).inserted {
      problems.append(problem)
    }
    if let failure = batch.sourceFailure { loadFailure = failure }
    loading = LoadingProgress(isLoading: !finished, loaded: loaded, total: total)
    if finished && replacing {
      // A load that failed part-way proves nothing about the runs it did not bring back:
      // they stay (SPEC §2.3: runs already loaded stay on screen; `r` retries).
      if loadFailure == nil { dropRunsNotReloaded() }
      replacing = false
      seenDuringReload = []
    }
    if finished || replaced || !deferRebuild(adding: added) {
      rebuild(.scope)
    }
    refreshOpenScreens()
  }

  /// Whether a batch of new runs can wait for a later rebuild: a full rebuild costs time in
  /// proportion to all the runs, so while a big source streams in small pages, rebuilding
  /// only when the runs have grown by an eighth keeps the total work near one sort. Meanwhile
  /// the new runs show at the end of the table, and the next rebuild sorts them in.
  private mutating func deferRebuild(adding added: [Int]) -> Bool {
    guard runs.count > Self.alwaysRebuildBelow,
      (pendingRuns + added.count) * 8 < runs.count
    else { return false }
    pendingRuns += added.count
    let matching = Set(RunFilter.matchingIndices(added.map { runs[$0] }, text: filterText))
    for (position, index) in added.enumerated() where isInScope(runs[index]) {
      model.scope?.append(index)
      model.sorted.append(index)
      if matching.contains(position) { model.shown.append(index) }
    }
    syncCursor()
    return true
  }

  /// Up to this many runs every batch is sorted in at once.
  static let alwaysRebuildBelow = 20_000

  /// Starts a reload: keeps what is on screen until the new batches replace it.
  mutating func beginReload() {
    replacing = true
    problemsFromPreviousLoad = true
    seenDuringReload = []
    loadFailure = nil
    loading = LoadingProgress(isLoading: true)
  }

  private mutating func addExperiment(_ experiment: ExperimentRef) {
    if experimentIDs.insert(experiment.id).inserted {
      experiments.append(experiment)
    }
  }

  private mutating func dropRunsNotReloaded() {
    let seen = seenDuringReload
    guard runs.contains(where: { !seen.contains($0.id) }) else { return }
    runs.removeAll { !seen.contains($0.id) }
    indexByID = Dictionary(
      runs.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    selection = selection.filter { seen.contains($0) }
  }

  /// Screens that hold run data of their own follow a reload.
  private mutating func refreshOpenScreens() {
    if var compare {
      compare.runIDs = compare.runIDs.filter { indexByID[$0] != nil }
      compare.matrix = CompareMatrix(
        runs: compare.runIDs.compactMap { run(id: $0) }, directionOverrides: compare.overrides)
      compare.refreshLines()
      self.compare = compare
      clampCompare()
    }
  }
}
