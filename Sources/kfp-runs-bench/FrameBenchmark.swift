import Foundation
import RunsCore
import RunsUI

/// One frame of the runs table at 160×40 with a small and a large run set, and what a key costs
/// on the large one (the key's state change plus the frame after it).
struct FrameBenchmark {
  static let width = 160
  static let height = 40

  struct Result {
    var smallRuns: Int
    var largeRuns: Int
    var smallSeconds: Double
    var largeSeconds: Double
    /// Giving the large run set to the application state in one batch.
    var receiveSeconds: Double
    /// Giving it in the directory source's batches, as a load does (sorting put off while
    /// the runs grow, as the application does), including the column data each batch adds.
    var batchedReceiveSeconds: Double
    /// `j` (cursor down) and the frame after it.
    var downSeconds: Double
    /// `s` on a metric column the table was not sorted by, and the frame after it.
    var sortSeconds: Double
    /// The first character typed into the filter, and the frame after it.
    var filterSeconds: Double
    /// A frame of the plot screen (`p`: y over start time) with the small and the large set.
    var plotSmallSeconds: Double
    var plotLargeSeconds: Double
    /// `p` on the large set: placing and binning every run shown, then the first frame.
    var plotOpenSeconds: Double
    var ratio: Double { largeSeconds / smallSeconds }
    var plotRatio: Double { plotLargeSeconds / plotSmallSeconds }
  }

  let small: [Run]
  let large: [Run]
  let rounds: Int

  func run() -> Result {
    let now = Date(timeIntervalSince1970: 1_767_225_600)
    let smallState = Self.state(small)
    var largeState = AppState(sourceDescription: "bench", loading: false)
    let receive = Stopwatch.seconds { largeState = Self.state(large) }
    let batchedReceive: Double
    do {
      var batched = AppState(sourceDescription: "bench", loading: false)
      batchedReceive = Stopwatch.seconds { batched = Self.state(large, batch: 500) }
      // Loading in batches must end where loading at once does.
      precondition(batched.shownIndices == largeState.shownIndices, "batched load differs")
    }
    var smallFrames: [Double] = []
    var largeFrames: [Double] = []
    var down: [Double] = []
    var sort: [Double] = []
    var filter: [Double] = []
    var sink = 0
    // Frames alternate between the sizes, so both see the same machine load.
    for _ in 0..<rounds * 10 {
      for state in [smallState, largeState] {
        let seconds = Stopwatch.seconds {
          sink &+= Screen.render(state, width: Self.width, height: Self.height, now: now).width
        }
        if state.runs.count == small.count {
          smallFrames.append(seconds)
        } else {
          largeFrames.append(seconds)
        }
      }
    }
    for _ in 0..<rounds {
      down.append(key(.character("j"), on: largeState, now: now, sink: &sink))
      var onMetric = largeState
      for _ in 0..<20 {
        if case .metric = onMetric.columnCursor { break }
        _ = onMetric.handle(.character("l"))
      }
      sort.append(key(.character("s"), on: onMetric, now: now, sink: &sink))
      var filtering = largeState
      _ = filtering.handle(.character("/"))
      filter.append(key(.character("b"), on: filtering, now: now, sink: &sink))
    }
    var plots: [[Double]] = [[], []]
    var plotStates = [smallState, largeState]
    let plotOpen = key(.character("p"), on: largeState, now: now, sink: &sink)
    for index in plotStates.indices { _ = plotStates[index].handle(.character("p")) }
    // Binning happens when `p` opens the plot; a frame draws the binned cells only.
    for _ in 0..<rounds * 10 {
      for (index, state) in plotStates.enumerated() {
        plots[index].append(
          Stopwatch.seconds {
            sink &+= Screen.render(state, width: Self.width, height: Self.height, now: now).width
          })
      }
    }
    if sink == 42 { print("") }  // Keeps the frames alive.
    return Result(
      smallRuns: small.count, largeRuns: large.count, smallSeconds: median(smallFrames),
      largeSeconds: median(largeFrames), receiveSeconds: receive,
      batchedReceiveSeconds: batchedReceive, downSeconds: median(down),
      sortSeconds: median(sort), filterSeconds: median(filter),
      plotSmallSeconds: median(plots[0]), plotLargeSeconds: median(plots[1]),
      plotOpenSeconds: plotOpen)
  }

  /// Seconds for `key` on a copy of `state` plus the frame after it.
  private func key(_ key: Key, on state: AppState, now: Date, sink: inout Int) -> Double {
    var state = state
    return Stopwatch.seconds {
      _ = state.handle(key)
      sink &+= Screen.render(state, width: Self.width, height: Self.height, now: now).width
    }
  }

  /// The application state after loading `runs` in batches of `batch` (all in one by
  /// default), sorted by `sort`, on a 160×40 terminal.
  static func state(
    _ runs: [Run], batch: Int? = nil, sort: RunsCore.SortOrder = .default
  ) -> AppState {
    var state = AppState(
      sourceDescription: "bench", sort: sort, loading: true,
      options: RenderOptions(timeZone: .gmt), width: width, height: height)
    let size = Swift.max(1, batch ?? runs.count)
    var start = 0
    repeat {
      let end = Swift.min(start + size, runs.count)
      state.receive(
        LoadResult(runs: Array(runs[start..<end])), loaded: end, total: runs.count,
        finished: end == runs.count)
      start = end
    } while start < runs.count
    return state
  }
}
