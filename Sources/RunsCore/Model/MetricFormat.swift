/// How a metric value is shown: KFP's `PERCENTAGE`, `RAW`, or no format given.
public enum MetricFormat: String, Sendable, Hashable, CaseIterable {
  case raw = "RAW"
  case percentage = "PERCENTAGE"
  case unspecified = "UNSPECIFIED"
}
