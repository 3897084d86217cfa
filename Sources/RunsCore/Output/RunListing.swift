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
  /// `order` and keeps the first `limit`.
  public init(
    scope: [Run], metrics: MetricChoice, filter: String? = nil, order: SortOrder = .default,
    limit: Int? = nil
  ) {
    switch metrics {
    case .top(let count): metricNames = MetricColumns.top(count, in: scope)
    case .all: metricNames = MetricColumns.all(in: scope)
    case .named(let names): metricNames = names
    }
    showsExperiment = RunsTable.showsExperiment(scope)
    var shown = scope
    if let filter, !filter.isEmpty { shown = shown.filter { RunFilter.matches($0, text: filter) } }
    shown = RunSorter.sort(shown, by: order)
    if let limit { shown = Array(shown.prefix(max(0, limit))) }
    runs = shown
  }

}
