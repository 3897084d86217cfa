import Foundation

/// The runs a scatter plot places: each run's value on both axes, the scales over them, and
/// how many runs could not be placed.
public struct PlotPoints: Sendable {
  /// The horizontal axis's scale.
  public let x: PlotScale
  /// The vertical axis's scale.
  public let y: PlotScale
  /// The metric format of each axis (for tick labels; `.unspecified` off metrics).
  public let xFormat: MetricFormat
  /// See `xFormat`.
  public let yFormat: MetricFormat
  /// Per placed run: its index among the runs handed in.
  public let runIndices: [Int]
  /// Per placed run: its position on the horizontal axis, `0...1`.
  public let xPositions: [Double]
  /// Per placed run: its position on the vertical axis, `0...1` (bottom to top).
  public let yPositions: [Double]
  /// Runs lacking a value on either axis.
  public let missing: Int
  /// Runs left out because a log scale cannot place a value of zero or less.
  public let notPositive: Int

  /// Places `indices` of `runs` (in that order) on axes `x` and `y`.
  public init(
    runs: [Run], indices: some Sequence<Int>, x xAxis: PlotAxis, y yAxis: PlotAxis,
    logX: Bool = false, logY: Bool = false
  ) {
    var placed: [Int] = []
    var xs: [Double] = []
    var ys: [Double] = []
    var missing = 0
    var notPositive = 0
    var xFormat: MetricFormat?
    var yFormat: MetricFormat?
    for index in indices {
      let run = runs[index]
      guard let xValue = xAxis.value(of: run), let yValue = yAxis.value(of: run) else {
        missing += 1
        continue
      }
      if (logX && xValue <= 0) || (logY && yValue <= 0) {
        notPositive += 1
        continue
      }
      if xFormat == nil { xFormat = Self.format(xAxis, run) }
      if yFormat == nil { yFormat = Self.format(yAxis, run) }
      placed.append(index)
      xs.append(xValue)
      ys.append(yValue)
    }
    x = PlotScale(axis: xAxis, log: logX, min: xs.min(), max: xs.max())
    y = PlotScale(axis: yAxis, log: logY, min: ys.min(), max: ys.max())
    self.xFormat = xFormat ?? .unspecified
    self.yFormat = yFormat ?? .unspecified
    runIndices = placed
    xPositions = xs.map(x.position)
    yPositions = ys.map(y.position)
    self.missing = missing
    self.notPositive = notPositive
  }

  /// How many runs are placed.
  public var count: Int { runIndices.count }

  /// The plot's title: `y vs x · N runs · M without x or y` (and those a log scale left out).
  public var title: String {
    var text = "\(y.axis.name) vs \(x.axis.name) · \(count) run\(count == 1 ? "" : "s")"
    text += " · \(missing) without \(x.axis.name) or \(y.axis.name)"
    if notPositive > 0 { text += " · \(notPositive) not positive (log)" }
    return text
  }

  private static func format(_ axis: PlotAxis, _ run: Run) -> MetricFormat {
    if case .metric(let name) = axis { return run.metric(named: name)?.format ?? .unspecified }
    return .unspecified
  }
}
