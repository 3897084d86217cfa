import Testing

@testable import RunsCore

@Suite struct MetricDeltaTests {
  @Test func relativeOnlyForRawAndUnspecified() {
    #expect(MetricDelta(value: 1.2, first: 1, format: .raw).relative == (1.2 - 1) / 1)
    #expect(MetricDelta(value: 1.2, first: 1, format: .unspecified).relative != nil)
    #expect(MetricDelta(value: 1.2, first: 1, format: .percentage).relative == nil)
    #expect(MetricDelta(value: 1.2, first: 0, format: .raw).relative == nil)
    #expect(MetricDelta(value: -1, first: -2, format: .raw).relative == 0.5)
  }

  @Test(
    arguments: [
      (0.92, 0.8, MetricFormat.raw, "+0.120 (+15.0%)"), (0.5, 0.52, .percentage, "-2.000%"),
      (3, 3, .raw, "0.000 (0.0%)"), (1, 0, .unspecified, "+1.000"),
      (-1, 2, .raw, "-3.000 (-150.0%)"), (0.80001, 0.8, .raw, "+0.000 (+0.0%)"),
    ])
  func text(value: Double, first: Double, format: MetricFormat, expected: String) {
    #expect(
      MetricDelta(value: value, first: first, format: format).text(format: format) == expected)
  }
}
