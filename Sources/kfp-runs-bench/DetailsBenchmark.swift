import Foundation
import RunsCore
import RunsUI

/// The details screen of runs with huge node × metric grids at 160×40: opening it (the grid
/// is laid out once), then a scroll key and the frame after it, and a frame alone (the clock).
struct DetailsBenchmark {
  /// One grid shape.
  struct Shape {
    var label: String
    var names: Int
    var nodes: Int
    var entries: Int
  }

  struct Result {
    var shape: Shape
    /// Enter: the details show at once (the grid of a huge run is laid out in the background).
    var openSeconds: Double
    /// Until the grid is laid out.
    var layoutSeconds: Double
    /// The median of a scroll key (page down, then down) and its frame.
    var keySeconds: Double
    /// The worst of them.
    var worstKeySeconds: Double
  }

  static let shapes = [
    Shape(label: "100,000 steps, a metric each", names: 100_000, nodes: 100_000, entries: 100_000),
    Shape(label: "2,000 metrics × 2,000 steps", names: 2_000, nodes: 2_000, entries: 4_000_000),
    Shape(label: "one step, 480,000 metrics", names: 480_000, nodes: 1, entries: 480_000),
  ]

  let rounds: Int

  func run() -> [Result] {
    Self.shapes.map(measure)
  }

  private func measure(_ shape: Shape) -> Result {
    let now = Date(timeIntervalSince1970: 1_767_225_600)
    let metrics = (0..<shape.entries).map { index in
      Metric(
        name: "metric-\(index % shape.names)",
        nodeID: "step-\(index / Swift.max(1, shape.entries / shape.nodes) % shape.nodes)",
        value: Double(index) / 7, format: index.isMultiple(of: 3) ? .percentage : .raw)
    }
    let run = Run(id: "big", name: "big", status: .succeeded, createdAt: now, metrics: metrics)
    var state = AppState(
      sourceDescription: "bench", loading: true, options: RenderOptions(timeZone: .gmt),
      width: FrameBenchmark.width, height: FrameBenchmark.height)
    state.receive(LoadResult(runs: [run]), loaded: 1, total: 1, finished: true)
    var sink = 0
    let open = Stopwatch.seconds { _ = state.handle(.enter) }
    let layout = Stopwatch.seconds {
      while !state.detailsAreLaidOut { usleep(500) }
    }
    var keys: [Double] = []
    for round in 0..<rounds * 10 {
      let key: Key = round.isMultiple(of: 2) ? .pageDown : .down
      keys.append(
        Stopwatch.seconds {
          _ = state.handle(key)
          sink &+=
            Screen.render(
              state, width: FrameBenchmark.width, height: FrameBenchmark.height, now: now
            ).width
        })
    }
    if sink == 42 { print("") }
    return Result(
      shape: shape, openSeconds: open, layoutSeconds: open + layout, keySeconds: median(keys),
      worstKeySeconds: keys.max() ?? 0)
  }
}
