/// How one run's value of a metric differs from the first compared run's value.
public struct MetricDelta: Sendable, Hashable {
  /// `value − first`.
  public var absolute: Double
  /// `(value − first) / |first|`, for RAW and unformatted metrics only; `nil` for
  /// PERCENTAGE (whose absolute difference is already in percentage points) and when
  /// `first` is 0.
  public var relative: Double?

  /// Creates a delta.
  public init(absolute: Double, relative: Double?) {
    self.absolute = absolute
    self.relative = relative
  }

  /// The delta of `value` against `first` for a metric shown with `format`.
  public init(value: Double, first: Double, format: MetricFormat) {
    absolute = value - first
    relative = format == .percentage || first == 0 ? nil : (value - first) / first.magnitude
  }
}
