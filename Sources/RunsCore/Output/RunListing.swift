/// What `kfp-runs list` prints: the runs in scope, filtered, sorted and limited, and the metric
/// columns chosen over the whole scope (not the filter, as in the application).
public struct RunListing: Sendable {
  /// Which metric columns to show.
  public enum MetricChoice: Sendable, Hashable {
    /// The `n` most prevalent (`MetricColumns.top`).
    case top(Int)
    /// Every metric, by prevalence then name (`MetricColumns.all`).
    case all
    /// Exactly these, in this order (`--metrics`).
    case named([String])
  }

  /// The rows, in print order.
  public var runs: [Run]
  /// The metric columns, in order.
  public var metricNames: [String]
  /// Whether the Experiment column is shown (more than one experiment in scope).
  public var showsExperiment: Bool

  /// Chooses columns over `scope`, then keeps the runs whose name contains `filter`, sorts them by
  /// `order` and keeps the first `limit`. Handed a `scope` no one else holds, it sorts the runs in
  /// place rather than beside a second copy of the list.
  public init(
    scope: consuming [Run], metrics: MetricChoice, filter: String? = nil,
    order: SortOrder = .default, limit: Int? = nil
  ) {
    switch metrics {
    case .top(let count): metricNames = MetricColumns.top(count, in: scope)
    case .all: metricNames = MetricColumns.all(in: scope)
    case .named(let names): metricNames = names
    }
    showsExperiment = RunsTable.showsExperiment(scope)
    var shown = consume scope
    if let filter, !filter.isEmpty { shown = shown.filter { RunFilter.matches($0, text: filter) } }
    let sorted = RunSorter.sortedIndices(shown, by: order)
    if let limit, limit < sorted.count {
      runs = sorted.prefix(max(0, limit)).map { shown[$0] }
    } else {
      shown.permute(takingFrom: sorted)
      runs = shown
    }
  }
}

extension Array {
  /// Reorders in place so that position `i` holds what was at `sources[i]` (`sources` is a
  /// permutation of the indices), following each cycle with swaps.
  mutating func permute(takingFrom sources: [Int]) {
    var placed = [Bool](repeating: false, count: count)
    for start in indices where !placed[start] {
      var position = start
      while true {
        placed[position] = true
        let source = sources[position]
        if source == start { break }
        swapAt(position, source)
        position = source
      }
    }
  }
}
