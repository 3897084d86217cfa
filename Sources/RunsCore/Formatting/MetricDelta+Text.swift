extension MetricDelta {
  /// The minus sign of delta texts (a real minus: the difference is read, not parsed).
  public static let minus = "−"

  /// The compare view's delta text: the absolute difference in the metric's own unit
  /// (percentage points, `pp`, for PERCENTAGE; three decimals as the KFP UI shows values)
  /// with its sign, and the relative change with one decimal when there is one:
  /// `+0.120 (+15.0%)`, `−0.355 pp (−0.4%)`, `0.000 (0.0%)`.
  public func text(format: MetricFormat) -> String {
    let scale = format == .percentage ? 100.0 : 1
    var text = Self.signed(KFPNumberFormat.toFixed(absolute.magnitude * scale, digits: 3), absolute)
    if format == .percentage { text += " pp" }
    if let relative {
      let percent = KFPNumberFormat.toFixed(relative.magnitude * 100, digits: 1) + "%"
      text += " (" + Self.signed(percent, relative) + ")"
    }
    return text
  }

  /// `magnitude` with `+` or `−` by the sign of `value` (none for zero).
  private static func signed(_ magnitude: String, _ value: Double) -> String {
    value > 0 ? "+" + magnitude : value < 0 ? minus + magnitude : magnitude
  }
}
