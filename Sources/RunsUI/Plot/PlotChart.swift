import Foundation
import RunsCore

/// The geometry of a scatter plot in a rectangle: the title on the first row, the y tick
/// labels and axis on the left, the x axis and its labels on the last two rows, and the
/// plot area of Braille cells in between.
struct PlotChart: Sendable {
  let points: PlotPoints
  /// The whole chart's size in cells.
  let width: Int
  let height: Int
  /// The plot area, relative to the chart's top-left corner.
  let areaX: Int
  let areaY = 1
  let columns: Int
  let rows: Int
  let xTicks: [PlotTick]
  let yTicks: [PlotTick]

  /// Below this the area is not drawn, only a note.
  static let minimumColumns = 4
  static let minimumRows = 2

  init(_ points: PlotPoints, width: Int, height: Int, timeZone: TimeZone) {
    self.points = points
    self.width = max(0, width)
    self.height = max(0, height)
    let rows = max(0, height - 3)
    let yTicks =
      points.count == 0
      ? [] : points.y.ticks(count: max(2, rows / 3), format: points.yFormat, timeZone: timeZone)
    let labelWidth = yTicks.map { DisplayWidth.of($0.label) }.max() ?? 0
    areaX = labelWidth + 2
    let columns = max(0, width - areaX)
    var xTicks: [PlotTick] = []
    if points.count > 0 {
      // Size the labels with a first guess, then ask for as many as fit side by side.
      let guess = points.x.ticks(
        count: max(2, columns / 12), format: points.xFormat, timeZone: timeZone)
      let labelWidth = guess.map { DisplayWidth.of($0.label) }.max() ?? 1
      xTicks = points.x.ticks(
        count: max(1, columns / (labelWidth + 3)), format: points.xFormat, timeZone: timeZone)
    }
    self.rows = rows
    self.columns = columns
    self.xTicks = xTicks
    self.yTicks = yTicks
  }

  /// Whether the plot area is big enough to draw.
  var fits: Bool { columns >= Self.minimumColumns && rows >= Self.minimumRows }

  /// The points binned into the plot area; `highlight` takes a run index.
  func raster(highlight: (Int) -> Bool) -> PlotRaster {
    guard fits else { return PlotRaster(columns: 0, rows: 0) }
    return PlotRaster(points, columns: columns, rows: rows, highlight: highlight)
  }

  /// The cell (in the plot area) of point `index`.
  func cell(ofPoint index: Int) -> (x: Int, y: Int) {
    let raster = PlotRaster(columns: columns, rows: rows)
    let dot = raster.dot(points.xPositions[index], points.yPositions[index])
    return (dot.x / 2, dot.y / 4)
  }

  /// Draws the chart with its top-left corner at `left`, `top`; `cursor` is a point index.
  func draw(
    _ grid: inout Grid, left: Int, top: Int, raster: PlotRaster, cursor: Int?, theme: Theme
  ) {
    grid.write([Segment(points.title, theme.title)], x: left, y: top, width: width)
    guard points.count > 0 else {
      let message =
        "No run has both \(points.x.axis.name) and \(points.y.axis.name): "
        + "x and y pick other axes."
      for (row, line) in Wrap.lines(message, width: width).prefix(max(0, height - 2)).enumerated() {
        grid.put(line, x: left, y: top + 2 + row)
      }
      return
    }
    guard fits, raster.columns == columns, raster.rows == rows else {
      grid.write("Too small to plot.", x: left, y: top + 1, width: width)
      return
    }
    drawAxes(&grid, left: left, top: top, theme: theme)
    let ascii = theme.options.asciiGlyphs
    for row in 0..<rows {
      for column in 0..<columns {
        let bits = raster.dots[row * columns + column]
        guard bits != 0 else { continue }
        let text = ascii ? "*" : String(PlotRaster.braille(bits))
        let style =
          raster.highlighted[row * columns + column] != 0 ? theme.mark(on: .plain) : .plain
        grid[left + areaX + column, top + areaY + row] = Cell(text: text, style: style)
      }
    }
    if let cursor, cursor >= 0, cursor < points.count {
      let cell = cell(ofPoint: cursor)
      let x = left + areaX + cell.x
      let y = top + areaY + cell.y
      var style = grid[x, y].style
      style.reverse = true
      style.bold = true
      grid[x, y] = Cell(text: ascii ? "@" : grid[x, y].text, style: style)
    }
  }

  private func drawAxes(_ grid: inout Grid, left: Int, top: Int, theme: Theme) {
    let glyphs = theme.glyphs
    let ascii = theme.options.asciiGlyphs
    let axisX = left + areaX - 1
    let axisY = top + areaY + rows
    for row in 0..<rows {
      grid.put(glyphs.boxVertical, x: axisX, y: top + areaY + row, style: theme.dim)
    }
    let tickRows = yTicks.map { tick in
      Int(((1 - tick.position) * Double(rows * 4 - 1)).rounded()) / 4
    }
    var labelled = Set<Int>()
    for (tick, row) in zip(yTicks, tickRows) where row >= 0 && row < rows {
      guard labelled.insert(row).inserted else { continue }
      grid.put(ascii ? "+" : "┤", x: axisX, y: top + areaY + row, style: theme.dim)
      grid.write(tick.label, x: left, y: top + areaY + row, width: areaX - 2, alignRight: true)
    }
    grid.put(
      glyphs.boxBottomLeft + String(repeating: glyphs.boxHorizontal, count: columns),
      x: axisX, y: axisY, style: theme.dim)
    var nextFree = left
    for tick in xTicks {
      let column = Int((tick.position * Double(columns * 2 - 1)).rounded()) / 2
      guard column >= 0, column < columns else { continue }
      let x = left + areaX + column
      let labelWidth = DisplayWidth.of(tick.label)
      let start = min(max(x - labelWidth / 2, left), left + width - labelWidth)
      guard start >= nextFree else { continue }
      grid.put(ascii ? "+" : "┬", x: x, y: axisY, style: theme.dim)
      grid.put(tick.label, x: start, y: axisY + 1, maxWidth: labelWidth)
      nextFree = start + labelWidth + 1
    }
  }
}
