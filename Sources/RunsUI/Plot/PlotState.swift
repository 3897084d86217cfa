import Foundation
import RunsCore

/// The plot screen's state: the axes and scales chosen, the cursor run, and what is derived
/// from them (the placed points, the chart geometry and the binned raster), rebuilt when an
/// input changes so a frame only draws cells.
struct PlotState: Sendable {
  /// Which axis `L` applies to: the one picked last (y at first).
  enum Focus: Sendable, Hashable {
    case x
    case y
  }

  var x: PlotAxis
  var y: PlotAxis
  var logX = false
  var logY = false
  var focus = Focus.y
  /// The run under the plot cursor, by id.
  var cursorRunID: String?
  /// The axis picker, while it is open.
  var picker: AxisPickerState?

  /// The runs placed, built from the runs shown.
  var points: PlotPoints
  /// The point of the cursor run, when it is placed.
  var cursorPoint: Int?
  /// Geometry and raster for the size in `rasterKey`.
  var chart: PlotChart
  var raster: PlotRaster
  /// What the raster was built for: size and selection.
  var rasterKey: RasterKey

  struct RasterKey: Sendable, Hashable {
    var width: Int
    var height: Int
    var selection: Set<String>
  }
}

/// The axis picker (`x`, `y` on the plot): every axis the runs in view offer.
struct AxisPickerState: Sendable {
  var focus: PlotState.Focus
  var items: [PlotAxis]
  var cursor = 0
  var firstRow = 0
}
