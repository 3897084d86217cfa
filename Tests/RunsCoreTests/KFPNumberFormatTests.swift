import Testing

@testable import RunsCore

@Suite struct KFPNumberFormatTests {
  /// Every row of SPEC §4's table.
  @Test(
    arguments: [
      (0.54, MetricFormat.percentage, "54.000%"),
      (0.95675, .percentage, "95.675%"),
      (0.001005, .percentage, "0.101%"),
      (24, .raw, "24.000"),
      (-0.573, .raw, "-0.573"),
      (0.0625, .raw, "0.063"),
      (0.3125, .unspecified, "0.313"),
      (-0.0625, .raw, "-0.063"),
      (-0.0001, .raw, "-0.000"),
      (-0.0, .raw, "0.000"),
      (123456789.98765, .raw, "123456789.988"),
      (1e21, .raw, "1e+21"),
    ])
  func specTable(value: Double, format: MetricFormat, expected: String) {
    #expect(KFPNumberFormat.text(value, format: format) == expected)
  }

  /// Values whose binary form is exactly halfway between two 3-decimal results round away
  /// from zero, which `printf("%.3f")` (ties to even) does not.
  @Test(
    arguments: [
      (0.0625, "0.063"), (0.3125, "0.313"), (1.0625, "1.063"), (-1.0625, "-1.063"),
      (8.9375, "8.938"), (2.5625, "2.563"), (-0.0625, "-0.063"), (1024.0625, "1024.063"),
    ])
  func exactTiesRoundAwayFromZero(value: Double, expected: String) {
    #expect(isExactTie(value))
    #expect(KFPNumberFormat.toFixed3(value) == expected)
  }

  /// Decimal literals that look like ties are not ties in binary: the exact value decides.
  /// (Expected texts checked against Node's `toFixed(3)`.)
  @Test(
    arguments: [
      (2.0005, "2.001"), (1.0005, "1.000"), (0.0005, "0.001"), (0.0015, "0.002"),
      (0.0025, "0.003"), (-0.0005, "-0.001"), (1.2345, "1.234"), (0.9995, "1.000"),
      (0.9994999999999999, "0.999"), (1.0005000000000002, "1.001"), (999.9995, "1000.000"),
      (0.00049999999999999995, "0.000"), (0.00025, "0.000"), (0.1 + 0.2, "0.300"),
    ])
  func nearTies(value: Double, expected: String) {
    #expect(KFPNumberFormat.toFixed3(value) == expected)
  }

  @Test(
    arguments: [
      (1.5e21, "1.5e+21"), (-1e21, "-1e+21"), (1.7976931348623157e308, "1.7976931348623157e+308"),
      (9.999999999999999e20, "999999999999999868928.000"),
      (123_456_789_012_345_683_968, "123456789012345683968.000"),
      (4503599627370496.5, "4503599627370496.000"),
      (Double(9_007_199_254_740_992 + 1), "9007199254740992.000"),
      (1e20, "100000000000000000000.000"),
    ])
  func largeValues(value: Double, expected: String) {
    #expect(KFPNumberFormat.toFixed3(value) == expected)
  }

  @Test func tinyAndSpecialValues() {
    #expect(KFPNumberFormat.toFixed3(.leastNonzeroMagnitude) == "0.000")
    #expect(KFPNumberFormat.toFixed3(-.leastNonzeroMagnitude) == "-0.000")
    #expect(KFPNumberFormat.toFixed3(0) == "0.000")
    #expect(KFPNumberFormat.toFixed3(.nan) == "NaN")
    #expect(KFPNumberFormat.toFixed3(.infinity) == "Infinity")
    #expect(KFPNumberFormat.toFixed3(-.infinity) == "-Infinity")
    #expect(KFPNumberFormat.text(.nan, format: .percentage) == "NaN%")
    #expect(KFPNumberFormat.text(.infinity, format: .raw) == "Infinity")
  }

  @Test(
    arguments: [
      (1.0, "100.000%"), (-0.25, "-25.000%"), (0.123456, "12.346%"), (0.000001, "0.000%"),
      (-0.000001, "-0.000%"), (0.9999995, "100.000%"), (1e19, "1e+21%"), (0.0, "0.000%"),
      (0.0000625, "0.006%"), (12.5, "1250.000%"),
    ])
  func percentages(value: Double, expected: String) {
    #expect(KFPNumberFormat.text(value, format: .percentage) == expected)
  }

  /// Other digit counts follow the same rule (checked against Node's `toFixed`).
  @Test func otherDigitCounts() {
    #expect(KFPNumberFormat.toFixed(1.45, digits: 0) == "1")
    #expect(KFPNumberFormat.toFixed(-2.5, digits: 0) == "-3")
    #expect(KFPNumberFormat.toFixed(-1e-10, digits: 0) == "-0")
    #expect(KFPNumberFormat.toFixed(1.45, digits: 1) == "1.4")
    #expect(KFPNumberFormat.toFixed(123.456789012345678, digits: 5) == "123.45679")
    #expect(KFPNumberFormat.toFixed(1e-10, digits: 10) == "0.0000000001")
    #expect(KFPNumberFormat.toFixed(123.456789012345678, digits: 15) == "123.456789012345681")
    #expect(KFPNumberFormat.toFixed(1.45, digits: 99) == "1.450000000000000")
    #expect(KFPNumberFormat.toFixed(1.45, digits: -4) == "1")
  }

  /// Random doubles of every magnitude below 1e21 agree with an independent exact oracle.
  @Test func agreesWithExactDecimalExpansion() {
    var generator = SeededRandom(seed: 0x5EED)
    for _ in 0..<4000 {
      let exponent = Double(Int(generator.next() % 90) - 20)
      let mantissa = Double(generator.next() % 1_000_000_007) / 1_000_000_007
      var value = mantissa * Double.pow10(exponent)
      if generator.next() % 2 == 0 { value = -value }
      if generator.next() % 4 == 0 { value = (value * 16).rounded() / 16 }
      guard value.magnitude < 1e21 else { continue }
      #expect(KFPNumberFormat.toFixed3(value) == ExactDecimal.toFixed3(value), "\(value)")
    }
  }

  /// Whether `value × 1000` is exactly an odd multiple of ½ (computed exactly: these
  /// values have few significant bits, so the product is exact).
  private func isExactTie(_ value: Double) -> Bool {
    let scaled = value.magnitude * 1000
    return scaled - scaled.rounded(.down) == 0.5
  }
}

extension Double {
  fileprivate static func pow10(_ exponent: Double) -> Double {
    var result = 1.0
    let steps = Int(exponent.magnitude)
    for _ in 0..<steps { result = exponent < 0 ? result / 10 : result * 10 }
    return result
  }
}
