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
  public let runs: [Run]
  /// Per column, one number per run (NaN when missing): the value for numeric columns, the
  /// rank of the lowercased text for text columns.
  private var columns: [Column: [Double]] = [:]

  /// Creates an empty key cache for `runs`.
  public init(runs: [Run]) {
    self.runs = runs
  }

  /// The indices of `runs` in sorted order (see `RunSorter`).
  public mutating func sortedIndices(by order: SortOrder) -> [Int] {
    let values = keys(for: order.column)
    // Fold the direction in, so that ascending order of the key is the requested order with
    // missing values (+∞) last in both directions.
    let ascending = order.ascending
    let primary = values.map { value in value.isNaN ? .infinity : (ascending ? value : -value) }
    let runs = runs
    var indices = Array(runs.indices)
    KeySort.sort(&indices, levels: [{ primary[$0] }, { Self.newestFirst(runs[$0]) }]) { a, b in
      let idA = runs[a].id
      let idB = runs[b].id
      return idA != idB ? idA < idB : a < b
    }
    return indices
  }

  /// Extracts the keys of `column` now, so a later sort by it does not have to.
  public mutating func prepare(_ column: Column) {
    _ = keys(for: column)
  }

  private mutating func keys(for column: Column) -> [Double] {
    if let cached = columns[column] { return cached }
    let extracted: [Double]
    switch column {
    case .metric(let name): extracted = runs.map { finiteOrNaN($0.value(of: name)) }
    case .duration: extracted = runs.map { finiteOrNaN($0.duration) }
    case .created: extracted = runs.map { finiteOrNaN($0.createdAt?.timeIntervalSince1970) }
    case .name: extracted = Self.textRanks(runs.map { $0.name })
    case .status: extracted = Self.textRanks(runs.map { $0.status?.rawValue })
    case .experiment: extracted = Self.textRanks(runs.map { $0.experiment?.name })
    case .pipeline: extracted = Self.textRanks(runs.map { $0.pipeline })
    }
    columns[column] = extracted
    return extracted
  }

  /// The rank of each text among the distinct lowercased texts in A→Z order; NaN for none
  /// or empty. Ranking turns a text sort into a number sort, and status, experiment and
  /// pipeline have few distinct values, so it is cheap.
  private static func textRanks(_ texts: [String?]) -> [Double] {
    var rankOf: [String: Double] = [:]
    let lowered = texts.map { text -> String? in
      guard let text, !text.isEmpty else { return nil }
      return text.lowercased()
    }
    for text in lowered {
      if let text { rankOf[text] = 0 }
    }
    for (rank, text) in rankOf.keys.sorted().enumerated() {
      rankOf[text] = Double(rank)
    }
    return lowered.map { $0.flatMap { rankOf[$0] } ?? .nan }
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
