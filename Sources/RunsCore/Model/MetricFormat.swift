/// How a metric value is shown: KFP 1.x's `PERCENTAGE`, `RAW` or no format given, or one of the
/// KFP 2.x kinds, which have no format at all and show as the KFP v2 UI shows them.
public enum MetricFormat: String, Sendable, Hashable, CaseIterable {
  case raw = "RAW"
  case percentage = "PERCENTAGE"
  case unspecified = "UNSPECIFIED"
  /// A KFP 2.x number: JavaScript's shortest round-trip text (`0.9500000000000001`, `12`, `1e-7`).
  case v2Number = "V2_NUMBER"
  /// A KFP 2.x bool: `true`/`false`, valued (and sorted) as 1/0.
  case v2Bool = "V2_BOOL"
  /// A KFP 2.x string or structure: its text, for details and compare; never a metric column.
  case v2Text = "V2_TEXT"

  /// The formats a KFP 1.x metric can have (`MetricFormat(v1:)` reads no other).
  public static let v1Formats: [MetricFormat] = [.raw, .percentage, .unspecified]

  /// A KFP 1.x format name (`RAW`, `PERCENTAGE`, `UNSPECIFIED`); `nil` for anything else.
  public init?(v1 name: String) {
    guard let format = MetricFormat(rawValue: name), Self.v1Formats.contains(format) else {
      return nil
    }
    self = format
  }

  /// Whether this is a KFP 2.x kind, which has no format.
  public var isV2: Bool { !Self.v1Formats.contains(self) }
}
