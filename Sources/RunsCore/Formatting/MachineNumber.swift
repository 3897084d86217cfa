/// Numbers for machine formats (CSV, JSON): the raw value, never the display text.
public enum MachineNumber {
  /// The shortest decimal that reads back as exactly `x`, laid out as JavaScript's
  /// `JSON.stringify` does (`24`, `0.91`, `-0.573`, `0.00001`, `1e-7`, `1e+21`), so it is
  /// always a valid JSON number. One difference: -0.0 prints `-0`, keeping its sign.
  /// Non-finite values, which JSON cannot hold, print `NaN`, `Infinity`, `-Infinity`.
  public static func text(_ x: Double) -> String {
    if x == 0 { return x.sign == .minus ? "-0" : "0" }
    return JavaScriptNumber.string(x)
  }
}
