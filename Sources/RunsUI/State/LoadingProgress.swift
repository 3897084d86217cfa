import RunsCore

/// How far loading has come: `loaded N of total`, then `metrics N of M runs`, in the status
/// bar.
public struct LoadingProgress: Sendable, Hashable {
  /// Whether the source is still being read.
  public var isLoading: Bool
  /// Runs loaded so far.
  public var loaded: Int
  /// How many runs the source says it has, when it says.
  public var total: Int?
  /// Once the runs are in, how many runs' metrics have arrived (a KFP 2.x server).
  public var metrics: LoadResult.MetricsProgress?

  /// Creates a progress value.
  public init(isLoading: Bool, loaded: Int = 0, total: Int? = nil) {
    self.isLoading = isLoading
    self.loaded = loaded
    self.total = total
  }
}
