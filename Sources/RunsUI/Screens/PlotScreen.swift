import Foundation
import RunsCore

/// The scatter plot (`p`): the chart, a line on the cursor run, and the status bar.
enum PlotScreen {
  static func draw(_ grid: inout Grid, _ state: AppState, theme: Theme) {
    guard var plot = state.plot else { return }
    let size = AppState.plotSize(width: grid.width, height: grid.height)
    if plot.rasterKey.width != size.width || plot.rasterKey.height != size.height {
      // Drawn at another size than the state knows: bin for this frame only.
      plot.chart = PlotChart(
        plot.points, width: size.width, height: size.height, timeZone: state.options.timeZone)
      let selected = Set(state.selection.compactMap { state.indexByID[$0] })
      plot.raster = plot.chart.raster { selected.contains($0) }
    }
    plot.chart.draw(
      &grid, left: 0, top: 0, raster: plot.raster, cursor: plot.cursorPoint, theme: theme)
    drawCursorLine(&grid, state, plot, y: grid.height - 2, theme: theme)
    StatusBar.draw(
      &grid, y: grid.height - 1, segments: segments(state, plot, theme), theme: theme)
  }

  /// The cursor run's name, selection, and both coordinates.
  private static func drawCursorLine(
    _ grid: inout Grid, _ state: AppState, _ plot: PlotState, y: Int, theme: Theme
  ) {
    guard let point = plot.cursorPoint, point < plot.points.count else { return }
    let points = plot.points
    let run = state.runs[points.runIndices[point]]
    let selected = state.selection.contains(run.id)
    var segments = [
      Segment(selected ? theme.glyphs.selected + " " : "  ", theme.mark(on: .plain)),
      Segment(run.name, theme.label),
    ]
    for scale in [points.y, points.x] {
      let format: MetricFormat =
        if case .metric(let name) = scale.axis {
          run.metric(named: name)?.format ?? .unspecified
        } else { .unspecified }
      let value: String
      if case .parameter(let name) = scale.axis {
        value = run.parameters.first { $0.name == name }?.value ?? ""
      } else {
        value =
          scale.axis.value(of: run).map {
            scale.text($0, format: format, timeZone: state.options.timeZone)
          } ?? ""
      }
      segments.append(Segment("  \(scale.axis.name) ", theme.dim))
      segments.append(Segment(value))
    }
    grid.write(segments, x: 0, y: y, width: grid.width)
  }

  private static func segments(_ state: AppState, _ plot: PlotState, _ theme: Theme) -> [Segment] {
    let bar = theme.statusBar
    var segments = [Segment(state.sourceDescription, bar)]
    func axis(_ letter: String, _ axis: PlotAxis, log: Bool, focused: Bool) -> String {
      "\(letter): \(TextSanitizer.clean(axis.name))\(log ? " (log)" : "")\(focused ? " ◂" : "")"
    }
    segments.append(
      Segment(axis("x", plot.x, log: plot.logX, focused: plot.focus == .x), bar, priority: 6))
    segments.append(
      Segment(axis("y", plot.y, log: plot.logY, focused: plot.focus == .y), bar, priority: 6))
    segments.append(Segment("\(state.selection.count) selected", bar, priority: 4))
    if !state.filterText.isEmpty {
      segments.append(
        Segment("filter: \"\(TextSanitizer.clean(state.filterText))\"", bar, priority: 5))
    }
    segments.append(Segment("x y axes · L log · Esc back", bar, priority: 2))
    return segments + StatusBar.commonSegments(state, theme)
  }

  /// The axis picker panel.
  static func drawAxisPicker(_ grid: inout Grid, _ state: AppState, theme: Theme) {
    guard let picker = state.plot?.picker else { return }
    let layout = PickerLayout(width: grid.width, height: grid.height, items: picker.items.count)
    let frame = layout.frame
    Panel.draw(
      &grid, frame: frame, title: picker.focus == .x ? "x axis" : "y axis",
      footer: "Enter pick · Esc cancel", theme: theme)
    let current = picker.focus == .x ? state.plot?.x : state.plot?.y
    for slot in 0..<layout.listRows where picker.firstRow + slot < picker.items.count {
      let index = picker.firstRow + slot
      let item = picker.items[index]
      let base = theme.row(cursor: index == picker.cursor)
      let y = layout.listTop + slot
      grid.fill(x: frame.contentX - 1, y: y, count: frame.contentWidth + 2, style: base)
      let kindWidth = DisplayWidth.of(item.kind)
      grid.write(
        [
          Segment(item == current ? theme.glyphs.selected + " " : "  ", theme.mark(on: base)),
          Segment(item.name, base),
        ],
        x: frame.contentX, y: y, width: max(0, frame.contentWidth - kindWidth - 1))
      grid.write(
        item.kind, x: frame.contentX + frame.contentWidth - kindWidth, y: y, width: kindWidth,
        style: theme.dim.merged(base))
    }
  }
}
