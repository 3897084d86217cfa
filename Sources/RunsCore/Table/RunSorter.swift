/// Sorts runs by a column (SPEC §5.2): numbers numerically, text case-insensitively, runs
/// missing the value always last in either direction, ties by start time newest first, then
/// by id (so the order never depends on how the source listed the runs).
public enum RunSorter {
  /// The indices of `runs` in sorted order.
  public static func sortedIndices(_ runs: [Run], by order: SortOrder) -> [Int] {
    var keys = RunSortKeys(runs: runs)
    return keys.sortedIndices(by: order)
  }

  /// `runs` in sorted order.
  public static func sort(_ runs: [Run], by order: SortOrder) -> [Run] {
    sortedIndices(runs, by: order).map { runs[$0] }
  }
}

/// The sort keys of one list of runs, extracted on first use and kept for later sorts of the
/// same list. A table of a million runs holds one of these, so re-sorting costs about as
/// much as sorting a bare `[Double]`; `RunSorter` builds a fresh one per call.
public struct RunSortKeys: Sendable {
  /// The runs the keys belong to; indices refer to this array.
  public private(set) var runs: [Run]
  private var columns: [Column: ColumnKeys] = [:]

  private enum ColumnKeys: Sendable {
    /// One value per run, NaN when missing.
    case numbers([Double])
    case texts(TextSortKeys)
    /// A parameter: the number each value reads as (NaN when none) and the text.
    case parameter([Double], TextSortKeys)

    /// The keys to sort `subset` by: a parameter's numbers when every value there reads as a
    /// number, else its text.
    func resolved(among subset: [Int]?) -> ColumnKeys {
      guard case .parameter(let numbers, let texts) = self else { return self }
      let numeric: Bool
      if let subset {
        numeric = subset.allSatisfy { texts.isMissing($0) || !numbers[$0].isNaN }
      } else {
        numeric = numbers.indices.allSatisfy { texts.isMissing($0) || !numbers[$0].isNaN }
      }
      return numeric ? .numbers(numbers) : .texts(texts)
    }

    /// Appends `more` (keys of the same column) in place: the arrays are taken out of `self`
    /// first, so they are uniquely referenced and grow without being copied.
    mutating func append(_ more: ColumnKeys) {
      switch more {
      case .numbers(let new):
        guard case .numbers(var values) = self else { preconditionFailure("mixed keys") }
        self = .numbers([])
        values.append(contentsOf: new)
        self = .numbers(values)
      case .texts(let new):
        guard case .texts(var texts) = self else { preconditionFailure("mixed keys") }
        self = .numbers([])
        texts.append(new)
        self = .texts(texts)
      case .parameter(let newNumbers, let newTexts):
        guard case .parameter(var numbers, var texts) = self else {
          preconditionFailure("mixed keys")
        }
        self = .numbers([])
        numbers.append(contentsOf: newNumbers)
        texts.append(newTexts)
        self = .parameter(numbers, texts)
      }
    }
  }

  /// Creates an empty key cache for `runs`.
  public init(runs: [Run]) {
    self.runs = runs
  }

  /// Adds runs at the end, extending the keys already extracted by theirs alone.
  public mutating func append(contentsOf newRuns: [Run]) {
    let start = runs.count
    runs.append(contentsOf: newRuns)
    for column in Array(columns.keys) {
      guard var kept = columns.removeValue(forKey: column) else { continue }
      kept.append(Self.extract(column, from: runs[start...]))
      columns[column] = kept
    }
  }

  /// Replaces runs in place (same indices); number keys are updated in place, text keys are
  /// extracted again when next needed.
  public mutating func replace(_ replacements: [(index: Int, run: Run)]) {
    guard !replacements.isEmpty else { return }
    for (index, run) in replacements { runs[index] = run }
    let replaced = replacements.map(\.run)[...]
    for column in Array(columns.keys) {
      guard case .numbers(var values) = columns.removeValue(forKey: column),
        case .numbers(let new) = Self.extract(column, from: replaced)
      else { continue }
      for (position, replacement) in replacements.enumerated() {
        values[replacement.index] = new[position]
      }
      columns[column] = .numbers(values)
    }
  }

  /// The run-level values of metric `name`, one per run, NaN where a run lacks it: the kept
  /// sort keys, extracted now if they were not.
  public mutating func values(of name: String) -> [Double] {
    guard case .numbers(let values) = keys(for: .metric(name)) else { return [] }
    return values
  }

  /// The indices of `runs` in sorted order (see `RunSorter`).
  public mutating func sortedIndices(by order: SortOrder) -> [Int] {
    sortedIndices(by: order, among: nil)
  }

  /// The indices in `subset` (every run when `nil`) in sorted order (see `RunSorter`).
  public mutating func sortedIndices(by order: SortOrder, among subset: [Int]?) -> [Int] {
    let runs = runs
    let newestFirst: KeySort.Key = { KeySort.orderedBits(Self.newestFirst(runs[$0])) }
    let byID: (Int, Int) -> Bool = { a, b in
      let idA = runs[a].id
      let idB = runs[b].id
      return idA != idB ? idA < idB : a < b
    }
    let ascending = order.ascending
    // Runs missing the value go last in both directions, ordered by the tie-breaks alone.
    var present: [Int] = []
    var missing: [Int] = []
    present.reserveCapacity(runs.count)
    switch keys(for: order.column).resolved(among: subset) {
    case .numbers(let values):
      for index in subset ?? Array(values.indices) {
        if values[index].isNaN { missing.append(index) } else { present.append(index) }
      }
      KeySort.sort(
        &present,
        levels: { level, _ in
          switch level {
          case 0: { KeySort.orderedBits(ascending ? values[$0] : -values[$0]) }
          case 1: newestFirst
          default: nil
          }
        }, final: byID)
    case .texts(let texts):
      for index in subset ?? Array(runs.indices) {
        if texts.isMissing(index) { missing.append(index) } else { present.append(index) }
      }
      // Level k compares bytes 7k..<7k+7 (a group of equal texts passes these levels with
      // one linear check each); after the last chunk, the start time decides.
      let chunks = texts.chunkCount
      KeySort.sort(
        &present, packing: false,
        levels: { level, _ in
          if level < chunks {
            return ascending ? { texts.key($0, chunk: level) } : { ~texts.key($0, chunk: level) }
          }
          return level == chunks ? newestFirst : nil
        }, final: byID)
    case .parameter: preconditionFailure("parameter keys are resolved to numbers or texts")
    }
    KeySort.sort(&missing, levels: { level, _ in level == 0 ? newestFirst : nil }, final: byID)
    return present + missing
  }

  /// Whether run `a` comes before run `b` in `sortedIndices(by: order)`, so that a changed run
  /// can be put back into a sorted list by binary search; `nil` unless the column's keys are
  /// numbers (a metric, the start time, the duration): replacing runs drops text keys.
  public mutating func precedes(_ a: Int, _ b: Int, by order: SortOrder) -> Bool? {
    guard case .numbers(let values) = keys(for: order.column) else { return nil }
    // Runs missing the value go last in both directions.
    let (missingA, missingB) = (values[a].isNaN, values[b].isNaN)
    if missingA != missingB { return missingB }
    if !missingA {
      let keyA = KeySort.orderedBits(order.ascending ? values[a] : -values[a])
      let keyB = KeySort.orderedBits(order.ascending ? values[b] : -values[b])
      if keyA != keyB { return keyA < keyB }
    }
    let newestA = KeySort.orderedBits(Self.newestFirst(runs[a]))
    let newestB = KeySort.orderedBits(Self.newestFirst(runs[b]))
    if newestA != newestB { return newestA < newestB }
    let (idA, idB) = (runs[a].id, runs[b].id)
    return idA != idB ? idA < idB : a < b
  }

  /// Extracts the keys of `column` now, so a later sort by it does not have to.
  public mutating func prepare(_ column: Column) {
    _ = keys(for: column)
  }

  private mutating func keys(for column: Column) -> ColumnKeys {
    if let cached = columns[column] { return cached }
    let extracted = Self.extract(column, from: runs[...])
    columns[column] = extracted
    return extracted
  }

  /// The keys of `column` for `runs`.
  private static func extract(_ column: Column, from runs: ArraySlice<Run>) -> ColumnKeys {
    let extracted: ColumnKeys
    switch column {
    case .metric(let name): extracted = .numbers(Self.metricValues(runs, named: name))
    case .duration: extracted = .numbers(runs.map { finiteOrNaN($0.duration) })
    case .created:
      extracted = .numbers(runs.map { finiteOrNaN($0.createdAt?.timeIntervalSince1970) })
    case .name: extracted = .texts(TextSortKeys(runs.map { $0.name }))
    case .status: extracted = .texts(TextSortKeys(runs.map { $0.status?.rawValue }))
    case .experiment: extracted = .texts(TextSortKeys(runs.map { $0.experiment?.name }))
    case .pipeline: extracted = .texts(TextSortKeys(runs.map { $0.pipeline }))
    case .parameter(let name):
      let values = runs.map { run in run.parameters.first { $0.name == name }?.value }
      extracted = .parameter(
        values.map { $0.flatMap(QueryValueText.number) ?? .nan }, TextSortKeys(values))
    }
    return extracted
  }

  /// Each run's value of metric `name`, NaN when missing. Reads the runs in place: at a
  /// million runs this is bound by fetching every run's entries from memory.
  private static func metricValues(_ runs: ArraySlice<Run>, named name: String) -> [Double] {
    runs.withUnsafeBufferPointer { runs in
      [Double](unsafeUninitializedCapacity: runs.count) { values, initialized in
        for index in runs.indices { values[index] = finiteOrNaN(runs[index].value(of: name)) }
        initialized = runs.count
      }
    }
  }

  /// The tie-break key: the negated start time (ascending is newest first), +∞ when unknown.
  private static func newestFirst(_ run: Run) -> Double {
    guard let created = run.createdAt?.timeIntervalSince1970, created.isFinite else {
      return .infinity
    }
    return -created
  }
}

private func finiteOrNaN(_ value: Double?) -> Double {
  guard let value, value.isFinite else { return .nan }
  return value
}
