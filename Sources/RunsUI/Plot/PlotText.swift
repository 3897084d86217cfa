import Foundation
import RunsCore

/// The scatter plot as lines of text, for `kfp-runs plot`: the same chart the application
/// draws, without the cursor.
public enum PlotText {
  /// The chart of `points` in `width` × `height` cells, Braille dots or `*` with `ascii`;
  /// trailing spaces are trimmed.
  public static func lines(
    _ points: PlotPoints, width: Int, height: Int, ascii: Bool, timeZone: TimeZone
  ) -> [String] {
    let theme = Theme(RenderOptions(color: false, asciiGlyphs: ascii, timeZone: timeZone))
    let chart = PlotChart(points, width: width, height: height, timeZone: timeZone)
    var grid = Grid(width: width, height: height)
    chart.draw(
      &grid, left: 0, top: 0, raster: chart.raster { _ in false }, cursor: nil, theme: theme)
    grid = Screen.finish(grid, theme)
    var lines = grid.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }
}
