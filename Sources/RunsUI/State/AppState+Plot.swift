import Foundation
import RunsCore

extension AppState {
  /// `p`: the scatter plot of the runs shown. y is the sort column when it is a metric, else the
  /// first metric column (the duration without metrics); x is the start time.
  mutating func openPlot() {
    let y: PlotAxis
    if case .metric(let name) = sort.column {
      y = .metric(name)
    } else {
      y = model.metricColumns.first.map { .metric($0) } ?? .duration
    }
    let points = PlotPoints(runs: runs, indices: model.shown, x: .created, y: y)
    let chart = PlotChart(points, width: 0, height: 0, timeZone: options.timeZone)
    plot = PlotState(
      x: .created, y: y, cursorRunID: cursorRun?.id, points: points, chart: chart,
      raster: PlotRaster(columns: 0, rows: 0),
      rasterKey: PlotState.RasterKey(width: -1, height: -1, selection: []))
    screens.append(.plot)
    rebuildPlot()
  }

  /// The plot chart's size on screen: the whole width, above the cursor line and status bar.
  static func plotSize(width: Int, height: Int) -> (width: Int, height: Int) {
    (width, max(0, height - 2))
  }

  /// Places the runs shown again (after new runs, an axis or a scale changed), then rebins.
  mutating func rebuildPlot() {
    guard var plot else { return }
    plot.points = PlotPoints(
      runs: runs, indices: model.shown, x: plot.x, y: plot.y, logX: plot.logX, logY: plot.logY)
    plot.rasterKey.width = -1
    self.plot = plot
    placePlotCursor()
    refreshPlotRaster()
  }

  /// Rebins the points when the size or the selection changed since the raster was built.
  mutating func refreshPlotRaster() {
    guard var plot else { return }
    let size = Self.plotSize(width: width, height: height)
    let key = PlotState.RasterKey(width: size.width, height: size.height, selection: selection)
    guard key != plot.rasterKey else { return }
    plot.chart = PlotChart(
      plot.points, width: size.width, height: size.height, timeZone: options.timeZone)
    let selected = Set(selection.compactMap { indexByID[$0] })
    plot.raster = plot.chart.raster { selected.contains($0) }
    plot.rasterKey = key
    self.plot = plot
  }

  /// Finds the cursor run among the points; when it is not placed, takes the newest placed run
  /// (the rightmost on a time axis is what people look at first) or the first.
  private mutating func placePlotCursor() {
    guard var plot else { return }
    let points = plot.points
    let index = plot.cursorRunID.flatMap { indexByID[$0] }
    plot.cursorPoint = index.flatMap { points.runIndices.firstIndex(of: $0) }
    if plot.cursorPoint == nil, points.count > 0 {
      plot.cursorPoint = 0
      plot.cursorRunID = runs[points.runIndices[0]].id
    }
    self.plot = plot
  }

  /// Applies an action on the plot.
  mutating func performOnPlot(_ action: Action) {
    guard var plot else { return }
    switch action {
    case .up: movePlotCursor(.up)
    case .down: movePlotCursor(.down)
    case .left: movePlotCursor(.left)
    case .right: movePlotCursor(.right)
    case .pickXAxis: openAxisPicker(.x)
    case .pickYAxis: openAxisPicker(.y)
    case .toggleLog:
      if plot.focus == .x { plot.logX.toggle() } else { plot.logY.toggle() }
      self.plot = plot
      rebuildPlot()
    case .details:
      if let id = plot.cursorRunID { openDetails(id) }
    case .toggleSelection:
      guard let id = plot.cursorRunID else { return }
      if selection.remove(id) == nil { selection.insert(id) }
      refreshPlotRaster()
    default: break
    }
  }

  /// The way an arrow moves the plot cursor.
  enum PlotDirection {
    case up, down, left, right
  }

  /// Moves the plot cursor to the nearest run in `direction` (see `PlotNavigation`).
  mutating func movePlotCursor(_ direction: PlotDirection) {
    guard var plot, let current = plot.cursorPoint else { return }
    let chart = plot.chart
    guard
      let next = PlotNavigation.nearest(
        from: current, direction, points: plot.points,
        dotsWide: Double(max(1, chart.columns * 2)), dotsHigh: Double(max(1, chart.rows * 4)))
    else { return }
    plot.cursorPoint = next
    plot.cursorRunID = runs[plot.points.runIndices[next]].id
    self.plot = plot
  }

  /// `x` / `y`: the axis picker for one axis, on the current choice.
  mutating func openAxisPicker(_ focus: PlotState.Focus) {
    guard var plot else { return }
    let metrics = model.columns.metricCounts.prevalence(includes: { scopeIncludes($0) })
      .map(\.name)
    let all = runs
    let items = PlotAxis.choices(metrics: metrics, runs: model.shown.lazy.map { all[$0] })
    var picker = AxisPickerState(focus: focus, items: items)
    picker.cursor = items.firstIndex(of: focus == .x ? plot.x : plot.y) ?? 0
    plot.picker = picker
    self.plot = plot
    screens.append(.axisPicker)
    clampAxisPicker()
  }

  /// Applies an action in the axis picker.
  mutating func performOnAxisPicker(_ action: Action) {
    guard var plot, var picker = plot.picker else { return }
    let page = max(
      1, PickerLayout(width: width, height: height, items: picker.items.count).listRows)
    switch action {
    case .apply:
      back()
      guard picker.cursor >= 0, picker.cursor < picker.items.count else { return }
      let axis = picker.items[picker.cursor]
      if picker.focus == .x { plot.x = axis } else { plot.y = axis }
      plot.focus = picker.focus
      plot.picker = nil
      self.plot = plot
      rebuildPlot()
      return
    case .up: picker.cursor -= 1
    case .down: picker.cursor += 1
    case .pageUp: picker.cursor -= page
    case .pageDown: picker.cursor += page
    case .top: picker.cursor = 0
    case .bottom: picker.cursor = picker.items.count - 1
    default: break
    }
    plot.picker = picker
    self.plot = plot
    clampAxisPicker()
  }

  private mutating func clampAxisPicker() {
    guard var plot, var picker = plot.picker else { return }
    clampPicker(&picker.cursor, &picker.firstRow, count: picker.items.count)
    plot.picker = picker
    self.plot = plot
  }
}
