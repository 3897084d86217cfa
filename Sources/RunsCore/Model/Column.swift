/// A column of the runs table, also what a sort is by.
public enum Column: Sendable, Hashable {
  case name
  case status
  case duration
  case experiment
  case pipeline
  case created
  case metric(String)
  /// A pipeline parameter's value: sorted as numbers when every value in scope reads as one.
  case parameter(String)

  /// The header text the runs table shows.
  public var title: String {
    switch self {
    case .name: "Run name"
    case .status: "Status"
    case .duration: "Duration"
    case .experiment: "Experiment"
    case .pipeline: "Pipeline"
    case .created: "Start time"
    case .metric(let name): name
    case .parameter(let name): name
    }
  }
}

/// A sort: the column and the direction.
public struct SortOrder: Sendable, Hashable {
  /// The column sorted by.
  public var column: Column
  /// `true` for ascending (A→Z, smallest first, oldest first).
  public var ascending: Bool

  /// Creates a sort order.
  public init(column: Column, ascending: Bool) {
    self.column = column
    self.ascending = ascending
  }

  /// KFP's default: start time, newest first.
  public static let `default` = SortOrder(column: .created, ascending: false)
}
