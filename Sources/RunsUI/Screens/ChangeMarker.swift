/// The marker beside a metric value a watch cycle changed: `▲` up, `▼` down, coloured by
/// whether that is better for the metric; `•` (`~` in ASCII) when the metric appeared or went.
enum ChangeMarker {
  /// Puts the marker for `direction` (`true` up, `false` down, `nil` appeared or went).
  static func put(
    _ direction: Bool?, higherIsBetter: Bool, in grid: inout Grid, x: Int, y: Int, base: Style,
    theme: Theme
  ) {
    let glyph =
      switch direction {
      case true?: theme.glyphs.sortAscending
      case false?: theme.glyphs.sortDescending
      case nil: theme.glyphs.appearedOrWent
      }
    let better = direction.map { $0 == higherIsBetter }
    grid.put(glyph, x: x, y: y, style: theme.change(better: better, on: base))
  }
}
