/// One scalar metric as one pipeline step (node) reported it.
public struct Metric: Sendable, Hashable {
  /// The metric's name, e.g. `accuracy-score`.
  public var name: String
  /// The step that reported it: a sub-path in a directory source, a node id from a server.
  public var nodeID: String
  /// The reported value (finite for metrics read from files).
  public var value: Double
  /// How the KFP UI formats the value.
  public var format: MetricFormat

  /// Creates a metric entry.
  public init(name: String, nodeID: String, value: Double, format: MetricFormat) {
    self.name = name
    self.nodeID = nodeID
    self.value = value
    self.format = format
  }
}
