import RunsCore

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

  /// Which parameter columns to show (after the metric columns).
  public enum ParameterChoice: Sendable, Hashable {
    /// Every parameter, by how many runs have it, then by name (`--params`).
    case all
    /// Exactly these, in this order (`--columns param:NAME`).
    case named([String])
  }

  /// The rows, in print order.
  public var runs: [Run]
  /// The metric columns, in order.
  public var metricNames: [String]
  /// The parameter columns, in order.
  public var parameterNames: [String]
  /// Whether the Experiment column is shown (more than one experiment in scope).
  public var showsExperiment: Bool

  /// Chooses columns over `scope`, then keeps the runs whose name contains `filter` and for
  /// which `query` holds, sorts them by `order` and keeps the first `limit`. Handed a `scope` no one else holds, it sorts the runs in
  /// place rather than beside a second copy of the list.
  public init(
    scope: consuming [Run], metrics: MetricChoice, parameters: ParameterChoice = .named([]),
    filter: String? = nil, query: Query? = nil, order: SortOrder = .default, limit: Int? = nil
  ) {
    switch parameters {
    case .all: parameterNames = ParameterColumns.all(in: scope)
    case .named(let names): parameterNames = names
    }
    switch metrics {
    case .top(let count): metricNames = MetricColumns.top(count, in: scope)
    case .all: metricNames = MetricColumns.all(in: scope)
    case .named(let names): metricNames = names
    }
    showsExperiment = RunsTable.showsExperiment(scope)
    var shown = consume scope
    if let filter, !filter.isEmpty { shown = shown.filter { RunFilter.matches($0, text: filter) } }
    if let query {
      // The application's evaluator, over the columns of the runs the name filter kept.
      var columns = RunColumns(runs: shown)
      let holds = columns.matchMask(query)
      shown = shown.indices.filter { holds[$0] }.map { shown[$0] }
    }
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
