extension SortOrder {
  /// The first sort on a column, best first: a metric by its direction (highest first unless
  /// cost-like), Start time newest first, Duration longest first, text
  /// and parameters A→Z (smallest first).
  public static func best(for column: Column) -> SortOrder {
    switch column {
    case .metric(let name):
      SortOrder(column: column, ascending: !MetricDirection.higherIsBetter(name))
    case .created, .duration:
      SortOrder(column: column, ascending: false)
    case .name, .status, .experiment, .pipeline, .parameter:
      SortOrder(column: column, ascending: true)
    }
  }

  /// The same column in the other direction.
  public var reversed: SortOrder {
    SortOrder(column: column, ascending: !ascending)
  }
}
