/// How one run's value of a metric differs from the first compared run's value.
public struct MetricDelta: Sendable, Hashable {
  /// `value − first`.
  public var absolute: Double
  /// `(value − first) / |first|`; `nil` when `first` is 0.
  public var relative: Double?

  /// Creates a delta.
  public init(absolute: Double, relative: Double?) {
    self.absolute = absolute
    self.relative = relative
  }

  /// The delta of `value` against `first`: every format gets both the absolute difference
  /// and the relative change.
  public init(value: Double, first: Double) {
    absolute = value - first
    relative = first == 0 ? nil : (value - first) / first.magnitude
  }
}
