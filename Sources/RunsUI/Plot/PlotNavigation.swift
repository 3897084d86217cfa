import RunsCore

/// Arrow keys on the plot: the nearest run in the direction pressed.
enum PlotNavigation {
  /// The point nearest to point `current` in `direction`, measured in dots (a cell is 2 dots
  /// wide and 4 high, about square on a terminal): among the points ahead, the one with the
  /// least distance ahead plus twice the distance sideways, so a run straight ahead beats a
  /// closer one off to the side. Runs on the very same spot are stepped through in order
  /// (right and up go forward, left and down back), and a move onto such a spot lands on the
  /// first of its runs in that order, so every run there can be reached. `nil` when nothing
  /// lies that way.
  static func nearest(
    from current: Int, _ direction: AppState.PlotDirection, points: PlotPoints,
    dotsWide: Double, dotsHigh: Double
  ) -> Int? {
    let xs = points.xPositions
    let ys = points.yPositions
    let originX = xs[current] * dotsWide
    let originY = ys[current] * dotsHigh
    var best: Int?
    var bestScore = Double.infinity
    let forward = direction == .right || direction == .up
    for point in 0..<points.count where point != current {
      let dx = xs[point] * dotsWide - originX
      let dy = ys[point] * dotsHigh - originY
      let (ahead, aside): (Double, Double) =
        switch direction {
        case .right: (dx, dy)
        case .left: (-dx, dy)
        case .up: (dy, dx)
        case .down: (-dy, dx)
        }
      let score: Double
      if ahead > 0 {
        score = ahead + 2 * aside.magnitude
      } else if ahead == 0, aside == 0 {
        guard forward ? point > current : point < current else { continue }
        // The same spot comes first, nearest in order first.
        score = -1 / Double(1 + abs(point - current))
      } else {
        continue
      }
      // Points come in increasing order: on a tie, going back keeps the later one.
      if score < bestScore || (!forward && score == bestScore) {
        bestScore = score
        best = point
      }
    }
    return best
  }
}
