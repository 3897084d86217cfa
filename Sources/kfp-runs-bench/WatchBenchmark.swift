import Foundation
import RunsCore
import RunsUI

/// A watch cycle that changed one run's metric, applied to a table of a million runs: in place
/// (what `AppState.apply` does) against taking the same kind of change through `receive`,
/// which rebuilds the table (what applying it cost before, and what a reload of one run does).
struct WatchBenchmark {
  struct Result {
    var runs: Int
    /// What the table is sorted by while the change is applied.
    var sortedBy: String
    var applySeconds: Double
    var rebuildSeconds: Double
    var ratio: Double { applySeconds / rebuildSeconds }
  }

  let runs: [Run]
  let rounds: Int
  let seed: UInt64
  let metric = "accuracy-score"

  /// One result per sort: the start time (the default) and the changed metric.
  func run() -> [Result] {
    [
      ("start time", RunsCore.SortOrder.default),
      (metric, RunsCore.SortOrder(column: .metric(metric), ascending: false)),
    ].map { measure(sortedBy: $0, $1) }
  }

  private func measure(sortedBy label: String, _ order: RunsCore.SortOrder) -> Result {
    var state = FrameBenchmark.state(runs, sort: order)
    state.enableWatching(true)
    var random = SeededRandom(seed: seed)
    let now = Date(timeIntervalSince1970: 1_767_225_600)
    /// A copy of a random run whose metric moved a little, as a training step reports.
    func changedRun() -> (old: Run, new: Run) {
      let old = state.runs[random.below(state.runs.count)]
      var new = old
      let step = random.unit() / 100 - 0.005
      for at in new.metrics.indices where new.metrics[at].name == metric {
        new.metrics[at].value = min(1, max(0, new.metrics[at].value + step))
      }
      return (old, new)
    }
    var apply: [Double] = []
    var rebuild: [Double] = []
    // The first of each is not timed: it pays for unsharing the table's arrays once.
    for round in 0...rounds * 5 {
      let (old, new) = changedRun()
      let update = RunsUpdate(replaced: [new], changes: RunChange.between(old, new))
      let seconds = Stopwatch.seconds { state.apply(update, now: now) }
      precondition(state.run(id: new.id) == new, "the change was not applied")
      if round > 0 { apply.append(seconds) }
    }
    for round in 0...rounds {
      let (_, new) = changedRun()
      let count = state.runs.count
      let seconds = Stopwatch.seconds {
        state.receive(LoadResult(runs: [new]), loaded: count, total: nil, finished: true)
      }
      if round > 0 { rebuild.append(seconds) }
    }
    return Result(
      runs: runs.count, sortedBy: label, applySeconds: median(apply),
      rebuildSeconds: median(rebuild))
  }
}
