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
    if replacing && problemsFromPreviousLoad {
      problems = []
      problemSet = []
      problemsFromPreviousLoad = false
    }
    // Reserving for a big batch saves rehashing; for small ones the growth stays geometric
    // (reserving a little more each time would copy everything per batch).
    if batch.runs.count >= runs.count {
      indexByID.reserveCapacity(runs.count + batch.runs.count)
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
    let known = runs.count
    var added: [Run] = []
    var replacements: [(index: Int, run: Run)] = []
    for run in batch.runs {
      if replacing { seenDuringReload.insert(run.id) }
      if let index = indexByID[run.id] {
        if index >= known {
          added[index - known] = run  // Twice in one batch: the later one wins.
        } else {
          replacements.append((index, run))
        }
      } else {
        indexByID[run.id] = known + added.count
        added.append(run)
      }
      // Runs mostly come grouped by experiment: skip the set lookup for a repeat.
      if let experiment = run.experiment, experiment.id != lastExperimentID {
        addExperiment(experiment)
        lastExperimentID = experiment.id
      }
    }
    model.columns.replace(replacements)
    model.columns.append(contentsOf: added)
    for problem in batch.problems where problemSet.insert(problem).inserted {
      problems.append(problem)
    }
    if let failure = batch.sourceFailure { loadFailure = failure }
    let metrics = batch.metricsProgress ?? loading.metrics
    loading = LoadingProgress(isLoading: !finished, loaded: loaded, total: total)
    loading.metrics = finished ? nil : metrics
    var dropped = false
    if finished && replacing {
      // A load that failed part-way proves nothing about the runs it did not bring back:
      // they stay (SPEC §2.3: runs already loaded stay on screen; `r` retries).
      if loadFailure == nil { dropped = dropRunsNotReloaded() }
      replacing = false
      seenDuringReload = []
    }
    if !replacements.isEmpty || dropped || scopeExperimentIDs() != model.scopeExperimentIDs {
      // A replaced run may change its scope, widths or metrics, and a newly listed experiment
      // the scope's runs: take everything in again.
      rebuild(.scope)
    } else {
      rebuild(.appended, deferSort: !finished && deferSort(adding: added.count))
    }
    applyPendingQuery(finished: finished)
    refreshOpenScreens()
  }

  /// Whether sorting a batch of new runs in can wait: a sort costs time in proportion to all
  /// the runs, so while a big source streams in small pages, sorting only when the runs have
  /// grown by an eighth keeps the total work near one sort. Meanwhile the new runs show at the
  /// end of the table, and the next sort takes them in.
  private func deferSort(adding added: Int) -> Bool {
    runs.count > Self.alwaysRebuildBelow && (model.unsortedRuns + added) * 8 < runs.count
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

  /// Drops the runs the reload did not bring back; whether there were any.
  private mutating func dropRunsNotReloaded() -> Bool {
    let seen = seenDuringReload
    guard runs.contains(where: { !seen.contains($0.id) }) else { return false }
    let kept = runs.filter { seen.contains($0.id) }
    model.columns = RunColumns(runs: kept)
    indexByID = Dictionary(
      kept.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    selection = selection.filter { seen.contains($0) }
    return true
  }

  /// Screens that hold run data of their own follow a reload.
  mutating func refreshOpenScreens() {
    if var details, let run = run(id: details.runID), details.shownRun != run {
      let (top, firstNode) = (details.firstRow, details.firstNode)
      details = DetailsState(run: run)
      details.firstRow = top
      details.firstNode = firstNode
      self.details = details
    }
    if var compare {
      compare.runIDs = compare.runIDs.filter { indexByID[$0] != nil }
      compare.matrix = CompareMatrix(
        runs: compare.runIDs.compactMap { run(id: $0) }, directionOverrides: compare.overrides)
      compare.refreshLines()
      self.compare = compare
      clampCompare()
    }
    if plot != nil { rebuildPlot() }
  }
}
