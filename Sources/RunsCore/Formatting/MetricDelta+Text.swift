extension MetricDelta {
  /// The compare view's delta text: the absolute difference formatted like the metric, with
  /// an explicit `+` when positive, and the relative change with one decimal when there is
  /// one: `+0.120 (+15.0%)`, `-2.000%` (percentage points), `0.000 (0.0%)`.
  public func text(format: MetricFormat) -> String {
    var text = Self.signed(KFPNumberFormat.text(absolute, format: format), positive: absolute > 0)
    if let relative {
      let percent = KFPNumberFormat.toFixed(relative * 100, digits: 1) + "%"
      text += " (" + Self.signed(percent, positive: relative > 0) + ")"
    }
    return text
  }

  private static func signed(_ text: String, positive: Bool) -> String {
    positive ? "+" + text : text
  }
}
