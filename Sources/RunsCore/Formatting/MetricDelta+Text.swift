extension MetricDelta {
  /// The minus sign of delta texts (a real minus: the difference is read, not parsed).
  public static let minus = "−"

  /// The compare view's delta text: the absolute difference in the metric's own unit
  /// (percentage points, `pp`, for PERCENTAGE; otherwise written as the metric's values are)
  /// with its sign, and the relative change with one decimal when there is one:
  /// `+0.120 (+15.0%)`, `−0.355 pp (−0.4%)`, `0.000 (0.0%)`.
  public func text(format: MetricFormat) -> String {
    let magnitude =
      format == .percentage
      ? KFPNumberFormat.toFixed(absolute.magnitude * 100, digits: 3) + " pp"
      : KFPNumberFormat.text(absolute.magnitude, format: format)
    var text = Self.signed(magnitude, absolute)
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
