/// One scalar metric as one pipeline step (node) reported it.
public struct Metric: Sendable, Hashable {
  /// The metric's name, e.g. `accuracy-score`.
  public var name: String
  /// The step that reported it: a sub-path in a directory source, a node id from a server,
  /// `<task> > <output>` for a KFP 2.x metric.
  public var nodeID: String
  /// The reported value (finite for metrics read from files); 1/0 for a KFP 2.x bool; NaN for
  /// a KFP 2.x text value, so that it is never a column, never sorts and never counts.
  public var value: Double
  /// How the value is shown: a KFP 1.x format, or a KFP 2.x kind (which has no format).
  public var format: MetricFormat
  /// The text of a KFP 2.x string or structure value (`.v2Text`), as the KFP v2 UI shows it.
  public var text: String?

  /// Creates a metric entry.
  public init(
    name: String, nodeID: String, value: Double, format: MetricFormat, text: String? = nil
  ) {
    self.name = name
    self.nodeID = nodeID
    self.value = value
    self.format = format
    self.text = text
  }

  /// The text the KFP UI shows for this entry: `54.000%` or `0.913` for KFP 1.x formats; the
  /// shortest round-trip number, `true`/`false`, or the value's text for KFP 2.x.
  public var displayText: String {
    text ?? KFPNumberFormat.text(value, format: format)
  }

  /// Whether the entry is a number a column can show and sort (a finite value; bools count).
  public var isNumeric: Bool { value.isFinite }

  // Equal when every field is, NaN values (KFP 2.x text) included: a run equals itself.
  public static func == (lhs: Metric, rhs: Metric) -> Bool {
    lhs.name == rhs.name && lhs.nodeID == rhs.nodeID && lhs.format == rhs.format
      && lhs.text == rhs.text
      && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(nodeID)
    hasher.combine(value.isNaN ? 0 : value)
    hasher.combine(format)
    hasher.combine(text)
  }
}
