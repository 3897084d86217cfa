import Testing

@testable import RunsCore

@Suite struct MetricDeltaTests {
  @Test func relativeForEveryFormatUnlessTheBaseIsZero() {
    #expect(MetricDelta(value: 1.2, first: 1).relative == (1.2 - 1) / 1)
    #expect(MetricDelta(value: 0.5, first: 0.52).relative == (0.5 - 0.52) / 0.52)
    #expect(MetricDelta(value: 1.2, first: 0).relative == nil)
    #expect(MetricDelta(value: -1, first: -2).relative == 0.5)
  }

  @Test(
    arguments: [
      (0.92, 0.8, MetricFormat.raw, "+0.120 (+15.0%)"),
      (0.5, 0.52, .percentage, "−2.000 pp (−3.8%)"),
      (0.5945, 0.598, .percentage, "−0.350 pp (−0.6%)"),
      (3, 3, .raw, "0.000 (0.0%)"), (1, 0, .unspecified, "+1.000"),
      (0.75, 0, .percentage, "+75.000 pp"),
      (-1, 2, .raw, "−3.000 (−150.0%)"), (0.80001, 0.8, .raw, "+0.000 (+0.0%)"),
    ])
  func text(value: Double, first: Double, format: MetricFormat, expected: String) {
    #expect(MetricDelta(value: value, first: first).text(format: format) == expected)
  }
}
