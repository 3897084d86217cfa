/// One page of `GET /apis/v1beta1/runs` (a `ListRunsResponse`).
public struct KFPRunsPage: Sendable {
  /// The runs that could be read, in the page's order.
  public var runs: [Run]
  /// What could not be used.
  public var problems: [Problem]
  /// `next_page_token`; `nil` when empty or absent (the last page).
  public var nextPageToken: String?
  /// `total_size`, when the server sent it.
  public var totalSize: Int?

  /// Creates a page.
  public init(
    runs: [Run] = [], problems: [Problem] = [], nextPageToken: String? = nil, totalSize: Int? = nil
  ) {
    self.runs = runs
    self.problems = problems
    self.nextPageToken = nextPageToken
    self.totalSize = totalSize
  }
}

/// One page of `GET /apis/v1beta1/experiments` (a `ListExperimentsResponse`).
public struct KFPExperimentsPage: Sendable {
  /// The experiments that could be read, in the page's order.
  public var experiments: [ExperimentRef]
  /// What could not be used.
  public var problems: [Problem]
  /// `next_page_token`; `nil` when empty or absent (the last page).
  public var nextPageToken: String?
  /// `total_size`, when the server sent it.
  public var totalSize: Int?

  /// Creates a page.
  public init(
    experiments: [ExperimentRef] = [], problems: [Problem] = [], nextPageToken: String? = nil,
    totalSize: Int? = nil
  ) {
    self.experiments = experiments
    self.problems = problems
    self.nextPageToken = nextPageToken
    self.totalSize = totalSize
  }
}
