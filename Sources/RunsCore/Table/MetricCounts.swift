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
  /// The experiments seen (`nil`: runs without one) and, for each, the count of each name slot.
  private var experiments: [ExperimentRef?] = []
  private var experimentSlots: [ExperimentRef?: Int] = [:]
  private var counts: [[Int]] = []

  /// No runs counted.
  public init() {}

  /// The counts of `runs`.
  public init(_ runs: [Run]) {
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
        update(runs[index].metrics, experiment: experimentSlot(runs[index].experiment), by: 1)
      }
    }
  }

  /// Takes back a run counted before (when it is replaced).
  public mutating func remove(_ run: Run) {
    update(run.metrics, experiment: experimentSlot(run.experiment), by: -1)
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
    Run.forEachMetricName(in: metrics) { name in
      let slot = nameSlot(name)
      if bucket.count <= slot { bucket += repeatElement(0, count: names.count - bucket.count) }
      bucket[slot] += step
    }
    counts[experiment] = bucket
  }

  private mutating func nameSlot(_ name: String) -> Int {
    if slots.isEmpty {
      for slot in names.indices where names[slot] == name { return slot }
    } else if let slot = slots[name] {
      return slot
    }
    names.append(name)
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
