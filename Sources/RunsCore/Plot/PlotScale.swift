import Foundation

/// Maps an axis's values onto `0...1`, linearly or on a log scale, over the range of the values
/// plotted (widened around a single value so it lands in the middle).
public struct PlotScale: Sendable, Hashable {
  /// The axis.
  public let axis: PlotAxis
  /// A log scale (base 10); only positive values are plotted.
  public let log: Bool
  /// The range in plotted units: the value, or its base-10 logarithm on a log scale.
  public let low: Double
  /// See `low`.
  public let high: Double

  /// The scale for values from `min` to `max` (both finite, positive on a log scale); without
  /// values, a unit range.
  public init(axis: PlotAxis, log: Bool, min: Double?, max: Double?) {
    self.axis = axis
    self.log = log
    guard let min, let max else {
      (low, high) = (0, 1)
      return
    }
    let low = log ? Foundation.log10(min) : min
    let high = log ? Foundation.log10(max) : max
    if high > low {
      (self.low, self.high) = (low, high)
      return
    }
    let pad: Double
    if log {
      pad = 1
    } else {
      switch axis {
      case .created: pad = 43_200
      case .duration: pad = Swift.max(60, low.magnitude * 0.1)
      case .metric, .parameter: pad = low == 0 ? 1 : low.magnitude * 0.1
      }
    }
    (self.low, self.high) = (low - pad, high + pad)
  }

  /// Where `value` falls, `0` at `low` and `1` at `high`.
  public func position(_ value: Double) -> Double {
    ((log ? Foundation.log10(value) : value) - low) / (high - low)
  }

  /// Whether the scale can place `value` (a log scale only places positive values).
  public func accepts(_ value: Double) -> Bool {
    !log || value > 0
  }
}
