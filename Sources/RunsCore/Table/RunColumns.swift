/// The runs of a table with the data its columns need, kept up to date as runs arrive: each
/// batch costs in proportion to the batch, not to every run loaded so far. Holds the names in
/// filter form (`NameIndex`), metric prevalence per experiment (`MetricCounts`), the sort keys
/// extracted so far (`RunSortKeys`, which also holds the runs) and the formats of the metric
/// columns being shown (their values are the sort keys).
public struct RunColumns: Sendable {
  /// The runs' sort keys; they own the runs.
  private var keys: RunSortKeys
  /// The names in filter form.
  public private(set) var names: NameIndex
  /// Metric prevalence per experiment.
  public private(set) var metricCounts: MetricCounts
  /// For each tracked metric, the format of each run's run-level entry (`nil` without one).
  private var formats: [String: [MetricFormat?]] = [:]
  /// The parameters and attributes queries have read.
  var queryColumns = QueryColumns()

  /// Columns for `runs`.
  public init(runs: [Run] = []) {
    keys = RunSortKeys(runs: runs)
    names = NameIndex()
    metricCounts = MetricCounts()
    addColumns(of: runs[...])
  }

  /// Every run, in arrival order; indices refer to this array.
  public var runs: [Run] { keys.runs }

  /// Adds runs at the end.
  public mutating func append(contentsOf newRuns: [Run]) {
    guard !newRuns.isEmpty else { return }
    keys.append(contentsOf: newRuns)
    addColumns(of: newRuns[...])
  }

  /// Adds the names, counts and tracked formats of `newRuns`, reading each run in place.
  private mutating func addColumns(of newRuns: ArraySlice<Run>) {
    metricCounts.add(contentsOf: newRuns)
    queryColumns.append(contentsOf: newRuns)
    newRuns.withUnsafeBufferPointer { newRuns in
      for index in newRuns.indices { names.append(newRuns[index].name) }
      for name in Array(formats.keys) {
        formats[name]?.append(
          contentsOf: newRuns.indices.lazy.map { newRuns[$0].metric(named: name)?.format })
      }
    }
  }

  /// Replaces runs in place (each keeps its index).
  public mutating func replace(_ replacements: [(index: Int, run: Run)]) {
    guard !replacements.isEmpty else { return }
    // A run replaced twice in one batch takes back its previous replacement.
    var current: [Int: Run] = [:]
    for (index, run) in replacements {
      metricCounts.remove(current[index] ?? keys.runs[index])
      metricCounts.add(contentsOf: [run][...])
      current[index] = run
      for name in Array(formats.keys) { formats[name]?[index] = run.metric(named: name)?.format }
    }
    names.replace(replacements.map { (index: $0.index, name: $0.run.name) })
    queryColumns.replace(replacements)
    keys.replace(replacements)
  }

  /// Keeps the values and formats of `metrics` from now on (the shown metric columns), so
  /// their ranges and a sort by them need no pass over the runs; others are let go.
  public mutating func track(metrics: [String]) {
    for name in Array(formats.keys) where !metrics.contains(name) {
      formats[name] = nil
    }
    for name in metrics where formats[name] == nil {
      formats[name] = keys.runs.withUnsafeBufferPointer { runs in
        runs.indices.map { runs[$0].metric(named: name)?.format }
      }
      keys.prepare(.metric(name))
    }
  }

  /// The run-level values (NaN where missing) and formats of metric `name`, one per run.
  /// Cheap for a tracked metric; otherwise a pass over the runs.
  public mutating func metricColumn(_ name: String) -> (
    values: [Double], formats: [MetricFormat?]
  ) {
    let values = keys.values(of: name)
    return (values, formats[name] ?? keys.runs.map { $0.metric(named: name)?.format })
  }

  /// The run-level values of metric `name`, one per run, NaN where missing (kept once read).
  mutating func metricValues(_ name: String) -> [Double] {
    keys.values(of: name)
  }

  /// The indices in `subset` (every run when `nil`) in sorted order (see `RunSorter`).
  public mutating func sortedIndices(by order: SortOrder, among subset: [Int]?) -> [Int] {
    keys.sortedIndices(by: order, among: subset)
  }

  /// Whether run `a` sorts before run `b` by `order`; `nil` for a column with text keys (see
  /// `RunSortKeys.precedes`).
  public mutating func precedes(_ a: Int, _ b: Int, by order: SortOrder) -> Bool? {
    keys.precedes(a, b, by: order)
  }
}
