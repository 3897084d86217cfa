import Foundation
import Testing

@testable import RunsCore

@Suite struct MachineNumberTests {
  /// The layout of JavaScript's `JSON.stringify` (checked against Node).
  @Test(
    arguments: [
      (0.91, "0.91"), (24, "24"), (-0.573, "-0.573"), (1e-5, "0.00001"), (1e-6, "0.000001"),
      (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (9.5e-7, "9.5e-7"), (1e21, "1e+21"),
      (1.5e21, "1.5e+21"), (1.23e-18, "1.23e-18"), (0.1 + 0.2, "0.30000000000000004"),
      (.leastNonzeroMagnitude, "5e-324"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
      (1e20, "100000000000000000000"), (123_456_789_012_345_683_968, "123456789012345680000"),
      (100, "100"), (1234.5678, "1234.5678"), (9_007_199_254_740_992, "9007199254740992"),
      (0, "0"), (-0.0, "-0"), (-1e-7, "-1e-7"),
    ])
  func layout(value: Double, expected: String) {
    #expect(MachineNumber.text(value) == expected)
  }

  @Test func nonFiniteValues() {
    #expect(MachineNumber.text(.nan) == "NaN")
    #expect(MachineNumber.text(.infinity) == "Infinity")
    #expect(MachineNumber.text(-.infinity) == "-Infinity")
  }

  /// Every text reads back as the same double and is a valid JSON number.
  @Test func roundTripsAndIsJSON() throws {
    var generator = SeededRandom(seed: 42)
    for _ in 0..<3000 {
      let value = Double(bitPattern: generator.next())
      guard value.isFinite else { continue }
      let text = MachineNumber.text(value)
      #expect(Double(text)?.bitPattern == value.bitPattern, "\(value) → \(text)")
      let parsed =
        try JSONSerialization.jsonObject(
          with: Data("[\(text)]".utf8), options: []) as? [NSNumber]
      #expect(parsed?.count == 1, "\(text)")
    }
  }
}
