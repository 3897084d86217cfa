import Foundation

/// One labelled mark on a plot axis.
public struct PlotTick: Sendable, Hashable {
  /// The value it marks.
  public var value: Double
  /// Where it sits on the axis, `0...1`.
  public var position: Double
  /// Its label.
  public var label: String
}

extension PlotScale {
  /// Round values across the range, about `count` of them (at least 2 where the range allows),
  /// labelled the way the axis shows values: metrics as the KFP UI formats them (`format`),
  /// dates in `timeZone`, durations as `H:MM:SS`.
  public func ticks(count: Int, format: MetricFormat, timeZone: TimeZone) -> [PlotTick] {
    var wanted = Swift.max(1, count)
    var ticks = makeTicks(wanted, format: format, timeZone: timeZone)
    // A narrow range may hold a single round value at the step asked for: halve the step.
    while ticks.count < 2, wanted < 16 {
      wanted *= 2
      ticks = makeTicks(wanted, format: format, timeZone: timeZone)
    }
    return ticks
  }

  private func makeTicks(_ wanted: Int, format: MetricFormat, timeZone: TimeZone) -> [PlotTick] {
    let values: [Double]
    let step: Double
    if log {
      (values, step) = (logTicks(wanted), 0)
    } else {
      switch axis {
      case .created: step = Self.niceStep(high - low, count: wanted, among: Self.timeSteps)
      case .duration: step = Self.niceStep(high - low, count: wanted, among: Self.durationSteps)
      case .metric, .parameter: step = Self.niceStep(high - low, count: wanted, among: [])
      }
      values = linearTicks(step: step, timeZone: timeZone)
    }
    let labels = values.map { label($0, step: step, format: format, timeZone: timeZone) }
    // Where the KFP text cannot tell the ticks apart (tiny values on a log scale), the shortest
    // exact text does.
    let distinct = Set(labels).count == labels.count
    return values.indices.map { index in
      let text = distinct ? labels[index] : MachineNumber.text(values[index])
      return PlotTick(value: values[index], position: position(values[index]), label: text)
    }
  }

  /// How a value is written on this axis (the cursor line, ticks of metrics).
  public func text(_ value: Double, format: MetricFormat, timeZone: TimeZone) -> String {
    switch axis {
    case .created: TimeText.local(Date(timeIntervalSince1970: value), timeZone: timeZone)
    case .duration: TimeText.duration(value)
    case .metric: KFPNumberFormat.text(value, format: format)
    case .parameter: MachineNumber.text(value)
    }
  }

  private func label(_ value: Double, step: Double, format: MetricFormat, timeZone: TimeZone)
    -> String
  {
    guard case .created = axis else { return text(value, format: format, timeZone: timeZone) }
    // YYYY-MM-DD HH:MM:SS, shortened to what the step needs.
    let full = TimeText.local(Date(timeIntervalSince1970: value), timeZone: timeZone)
    guard full.count == 19 else { return full }
    let characters = Array(full)
    let spansYears = high - low > 300 * 86_400
    if step >= 86_400 { return String(characters[(spansYears ? 0 : 5)..<10]) }
    if step >= 60 { return String(characters[5..<16]) }
    return String(characters[11..<19])
  }

  /// Multiples of `step` inside the range; time steps of a day or more fall on local midnight.
  private func linearTicks(step: Double, timeZone: TimeZone) -> [Double] {
    guard step > 0, step.isFinite else { return [] }
    var offset = 0.0
    if case .created = axis, step >= 3_600 {
      offset = Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: low)))
    }
    // The slack keeps an end that is a multiple (0.3 over a step of 0.1) despite rounding.
    let first = ((low + offset) / step - 1e-9).rounded(.up)
    let last = ((high + offset) / step + 1e-9).rounded(.down)
    guard first <= last, last - first < 1_000 else { return [] }
    return stride(from: first, through: last, by: 1).map { Self.multiple($0, of: step) - offset }
  }

  /// Powers of ten inside the range (every k-th when there are many); with fewer than two, the
  /// 2s and 5s between them too; failing that, round values as on a linear scale.
  private func logTicks(_ count: Int) -> [Double] {
    let first = Int(low.rounded(.up))
    let last = Int(high.rounded(.down))
    if last - first + 1 >= 2 {
      let every = Swift.max(1, (last - first + count) / count)
      return stride(from: first, through: last, by: every).map { Self.power(of: $0) }
    }
    var values: [Double] = []
    for exponent in Int(low.rounded(.down))...Int(high.rounded(.up)) {
      for mantissa in [1.0, 2, 5] {
        let value = mantissa * Self.power(of: exponent)
        let place = Foundation.log10(value)
        if place >= low, place <= high { values.append(value) }
      }
    }
    if values.count >= 2 { return values }
    let lowValue = Foundation.pow(10, low)
    let highValue = Foundation.pow(10, high)
    let step = Self.niceStep(highValue - lowValue, count: count, among: [])
    guard step > 0 else { return values }
    let firstMultiple = (lowValue / step - 1e-9).rounded(.up)
    let lastMultiple = (highValue / step + 1e-9).rounded(.down)
    guard firstMultiple <= lastMultiple, lastMultiple - firstMultiple < 1_000 else { return values }
    return stride(from: firstMultiple, through: lastMultiple, by: 1).map {
      Self.multiple($0, of: step)
    }
  }

  /// `10^exponent`, exactly where a double can hold it.
  private static func power(of exponent: Int) -> Double {
    exponent >= 0
      ? Foundation.pow(10, Double(exponent)) : 1 / Foundation.pow(10, Double(-exponent))
  }

  /// `k × step`, computed so that `0.1 × 3` comes out as `0.3`: the step's decimal mantissa
  /// times `k` is an integer, divided by an exact power of ten.
  static func multiple(_ k: Double, of step: Double) -> Double {
    let exponent = Int(Foundation.log10(step).rounded(.down))
    guard exponent < 0, exponent > -22 else { return k * step }
    let scale = Foundation.pow(10, Double(-exponent))
    return (k * (step * scale).rounded()) / scale
  }

  /// The smallest step from `among` (seconds) that makes at most `count` intervals of
  /// `range`; beyond the list, or with an empty list, 1, 2 or 5 times a power of ten.
  static func niceStep(_ range: Double, count: Int, among steps: [Double]) -> Double {
    guard range > 0, range.isFinite else { return 0 }
    let raw = range / Double(Swift.max(1, count))
    if let step = steps.first(where: { $0 >= raw }) { return step }
    let magnitude = power(of: Int(Foundation.log10(raw).rounded(.down)))
    for mantissa in [1.0, 2, 5, 10] where mantissa * magnitude >= raw * (1 - 1e-9) {
      return mantissa * magnitude
    }
    return 10 * magnitude
  }

  /// Steps of the start time axis: seconds up to months.
  static let timeSteps: [Double] = [
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200,
    86_400, 172_800, 604_800, 1_209_600, 2_592_000, 7_776_000, 15_552_000, 31_536_000,
  ]

  /// Steps of the duration axis: seconds up to days.
  static let durationSteps: [Double] = [
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200,
    86_400,
  ]
}
