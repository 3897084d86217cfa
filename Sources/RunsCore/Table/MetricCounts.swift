/// How many runs have each metric (a finite entry), kept per experiment as runs arrive, so the
/// most prevalent metrics of any set of experiments cost a pass over the distinct names, not
/// over the runs. Counts follow `MetricColumns.prevalence`.
public struct MetricCounts: Sendable {
  /// Runs mostly share a handful of names: comparing against a few known names costs less than
  /// hashing each one, so the dictionary is used only once there are many names.
  private static let linearLimit = 16
  /// Every metric name seen, in first-seen order; slots index the count arrays.
  private var names: [String] = []
  private var slots: [String: Int] = [:]
  /// Per name slot, the number of the last run that counted it; runs are numbered as counted.
  private var lastRun: [Int] = []
  private var runNumber = 0
  /// The slot the next name is likely to have.
  private var nextGuess = 0
  /// The experiments seen (`nil`: runs without one) and, for each, the count of each name slot.
  private var experiments: [ExperimentRef?] = []
  private var experimentSlots: [ExperimentRef?: Int] = [:]
  private var counts: [[Int]] = []
  /// Every run is counted as if it had no experiment (`init(allOf:)`).
  private var pooled = false

  /// No runs counted.
  public init() {}

  /// The counts of `runs`.
  public init(_ runs: [Run]) {
    add(contentsOf: runs[...])
  }

  /// The counts of `runs` over all of them, without telling experiments apart (what
  /// `MetricColumns` needs): no experiment is compared per run.
  init(allOf runs: [Run]) {
    pooled = true
    add(contentsOf: runs[...])
  }

  /// Counts `runs`.
  public mutating func add(contentsOf runs: [Run]) {
    add(contentsOf: runs[...])
  }

  /// Counts `runs`.
  public mutating func add(contentsOf runs: ArraySlice<Run>) {
    // Through a buffer, so each run's fields are read in place instead of copying the run.
    runs.withUnsafeBufferPointer { runs in
      for index in runs.indices {
        let experiment = pooled ? experimentSlot(nil) : experimentSlot(runs[index].experiment)
        update(runs[index].metrics, experiment: experiment, by: 1)
      }
    }
  }

  /// Takes back a run counted before (when it is replaced).
  public mutating func remove(_ run: Run) {
    update(run.metrics, experiment: experimentSlot(pooled ? nil : run.experiment), by: -1)
  }

  private mutating func experimentSlot(_ experiment: ExperimentRef?) -> Int {
    // A few experiments are compared directly (equal runs share their strings, which makes
    // the comparison cheap); hashing two strings per run would cost more.
    if experiments.count <= Self.linearLimit {
      for slot in experiments.indices where experiments[slot] == experiment { return slot }
    } else if let slot = experimentSlots[experiment] {
      return slot
    }
    experiments.append(experiment)
    counts.append([])
    experimentSlots[experiment] = experiments.count - 1
    return experiments.count - 1
  }

  private mutating func update(_ metrics: [Metric], experiment: Int, by step: Int) {
    // Taken out while counting, so the nested array is changed in place without lookups.
    var bucket = counts[experiment]
    counts[experiment] = []
    runNumber += 1
    metrics.withUnsafeBufferPointer { metrics in
      for index in metrics.indices where metrics[index].value.isFinite {
        let slot = nameSlot(metrics[index].name)
        // A name reported twice (by two nodes) counts once: stamped with the run counting it.
        guard lastRun[slot] != runNumber else { continue }
        lastRun[slot] = runNumber
        if bucket.count <= slot { bucket += repeatElement(0, count: names.count - bucket.count) }
        bucket[slot] += step
      }
    }
    counts[experiment] = bucket
  }

  private mutating func nameSlot(_ name: String) -> Int {
    // Runs mostly list their metrics in the same order: try the slot after the last one first.
    if nextGuess < names.count && names[nextGuess] == name {
      nextGuess += 1
      return nextGuess - 1
    }
    let slot = lookUp(name)
    nextGuess = slot + 1
    return slot
  }

  private mutating func lookUp(_ name: String) -> Int {
    if slots.isEmpty {
      for slot in names.indices where names[slot] == name { return slot }
    } else if let slot = slots[name] {
      return slot
    }
    names.append(name)
    lastRun.append(0)
    if !slots.isEmpty {
      slots[name] = names.count - 1
    } else if names.count > Self.linearLimit {
      for (slot, known) in names.enumerated() { slots[known] = slot }
    }
    return names.count - 1
  }

  /// Every metric name of the runs whose experiment `includes` accepts, with the number of
  /// those runs that have it, by count descending then name ascending.
  public func prevalence(
    includes: (ExperimentRef?) -> Bool = { _ in true }
  ) -> [(name: String, count: Int)] {
    var total = [Int](repeating: 0, count: names.count)
    for (experiment, bucket) in zip(experiments, counts) where includes(experiment) {
      for slot in bucket.indices { total[slot] += bucket[slot] }
    }
    return names.indices.filter { total[$0] > 0 }.map { (name: names[$0], count: total[$0]) }
      .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
  }

  /// The `n` most prevalent metric names among the runs whose experiment `includes` accepts.
  public func top(_ n: Int, includes: (ExperimentRef?) -> Bool = { _ in true }) -> [String] {
    guard n > 0 else { return [] }
    return prevalence(includes: includes).prefix(n).map(\.name)
  }
}
