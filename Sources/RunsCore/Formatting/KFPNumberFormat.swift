/// Number text exactly as the KFP UI shows metric values (SPEC §4).
public enum KFPNumberFormat {
  /// JavaScript's `Number.prototype.toFixed(3)`: the exact binary value rounded to three
  /// decimals, an exact tie away from zero, exponent form from 1e21 on.
  public static func toFixed3(_ x: Double) -> String {
    toFixed(x, digits: 3)
  }

  /// The KFP UI text of a metric value: `54.000%` for PERCENTAGE, `0.913` for the other
  /// KFP 1.x formats; for KFP 2.x, what the v2 UI shows (`V2Metric.text`).
  public static func text(_ value: Double, format: MetricFormat) -> String {
    switch format {
    // KFP multiplies in floating point first, so 0.001005 shows as 0.101%, not 0.100%.
    case .percentage: toFixed3(value * 100) + "%"
    case .raw, .unspecified: toFixed3(value)
    case .v2Number, .v2Text: V2Metric.text(value)
    case .v2Bool: value != 0 ? "true" : "false"
    }
  }

  /// JavaScript's `Number.prototype.toFixed(digits)` for `digits` in `0...15`
  /// (larger values are clamped to 15, negative ones to 0).
  public static func toFixed(_ x: Double, digits: Int) -> String {
    let digits = min(max(digits, 0), 15)
    if x.isNaN { return "NaN" }
    // JavaScript tests `x < 0`, so -0.0 prints without a sign but -0.0001 keeps it.
    let negative = x < 0
    let magnitude = x.magnitude
    if magnitude >= 1e21 { return JavaScriptNumber.string(x) }
    let rounded = roundedScaled(magnitude, digits: digits).decimalString
    var text = negative ? "-" : ""
    if digits == 0 {
      text += rounded
    } else {
      let padded = String(repeating: "0", count: max(0, digits + 1 - rounded.count)) + rounded
      let point = padded.index(padded.endIndex, offsetBy: -digits)
      text += padded[..<point] + "." + padded[point...]
    }
    return text
  }

  /// The integer nearest to `magnitude × 10^digits`, computed from the exact binary value;
  /// an exact tie rounds up. `magnitude` is finite, non-negative and below 1e21.
  private static func roundedScaled(_ magnitude: Double, digits: Int) -> UInt128Parts {
    var scale: UInt64 = 1
    for _ in 0..<digits { scale *= 10 }
    let biasedExponent = Int(magnitude.exponentBitPattern)
    let fraction = magnitude.significandBitPattern
    if biasedExponent == 0 && fraction == 0 { return UInt128Parts(low: 0) }
    // magnitude = significand × 2^exponent exactly.
    let significand = biasedExponent == 0 ? fraction : fraction | (1 << 52)
    let exponent = (biasedExponent == 0 ? 1 : biasedExponent) - 1075
    if exponent >= 0 {
      // An integer below 1e21 < 2^70: the shift and the product stay below 2^128.
      return UInt128Parts(low: significand).shiftedLeft(exponent).multiplied(by: scale)
    }
    // The product is below 2^53 × 10^15 < 2^103; drop `-exponent` bits and look at the
    // highest dropped bit: set means the remainder is at least half, which rounds up.
    let product = UInt128Parts(low: significand).multiplied(by: scale)
    let shift = -exponent
    let quotient = product.shiftedRight(shift)
    return product.bit(shift - 1) ? quotient.incremented() : quotient
  }
}
