/// The KFP 2.x metric rules every KFP 2.x source shares (an ML Metadata store, `kfp.local`
/// outputs): which properties are metrics, the node label, and how each value is kept and shown.
///
/// KFP 2.x has no metric formats: its UI shows a value as `JSON.stringify` does, so a number is
/// JavaScript's shortest round-trip text (`0.9500000000000001`, `12`, `1e-7`), a bool is
/// `true`/`false`, a string is quoted. Bools sort as 1/0; strings and structures are kept for
/// details and compare only, never as metric columns.
public enum V2Metric {
  /// A metric value as KFP 2.x records it.
  public enum Value: Sendable, Hashable {
    /// A number: MLMD's `double_value` or `int_value`, a JSON number.
    case number(Double)
    /// A bool: MLMD's `bool_value`, a JSON `true`/`false`.
    case bool(Bool)
    /// A string: MLMD's `string_value`, a JSON string.
    case string(String)
    /// Anything else (MLMD's `struct_value`, a JSON array, object or null), as JSON.
    case structure(JSONValue)

    /// The value of a JSON member, as `kfp.local` writes an artifact's `metadata`.
    public init(json: JSONValue) {
      switch json {
      case .number(let number): self = .number(number)
      case .bool(let flag): self = .bool(flag)
      case .string(let text): self = .string(text)
      case .null, .array, .object: self = .structure(json)
      }
    }
  }

  /// Custom properties of a metrics artifact that are not metrics (the KFP v2 UI skips them).
  public static let reservedProperties: Set<String> = ["display_name", "store_session_info"]

  /// Whether an artifact property named `name` is a metric.
  public static func isMetric(property name: String) -> Bool {
    !reservedProperties.contains(name)
  }

  /// The node of a KFP 2.x metric: `<task> > <output>`, the label of the KFP v2 compare page
  /// (task = the execution's display name, else its task name; output = the output's name).
  public static func node(task: String, output: String) -> String {
    "\(task) > \(output)"
  }

  /// The entry for `value`; `nil` for a non-finite number, which is a problem
  /// (`nonFiniteMessage` says so) rather than a metric.
  public static func metric(name: String, node: String, value: Value) -> Metric? {
    switch value {
    case .number(let number):
      guard number.isFinite else { return nil }
      return Metric(name: name, nodeID: node, value: number, format: .v2Number)
    case .bool(let flag):
      return Metric(name: name, nodeID: node, value: flag ? 1 : 0, format: .v2Bool)
    case .string(let text):
      return Metric(
        name: name, nodeID: node, value: .nan, format: .v2Text,
        text: JSONWriter.compact(.string(text)))
    case .structure(let json):
      return Metric(
        name: name, nodeID: node, value: .nan, format: .v2Text, text: JSONWriter.compact(json))
    }
  }

  /// Why a non-finite number is not kept: `metric "loss" is NaN; entry skipped`.
  public static func nonFiniteMessage(name: String, value: Double) -> String {
    "metric \(JSONText.quoted(name, limit: 80)) is \(text(value)), not a finite number; skipped"
  }

  /// A number as the KFP v2 UI shows it: JavaScript's shortest round-trip text (`-0` is `0`).
  public static func text(_ value: Double) -> String {
    JavaScriptNumber.string(value)
  }
}
