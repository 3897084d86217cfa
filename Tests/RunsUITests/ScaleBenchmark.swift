import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// Timings of the interactive operations at 1,000 and 1,000,000 runs. A benchmark, not a
/// timed test: run with `RUNSUI_BENCH=1 swift test --filter ScaleBenchmark` (release builds
/// give the numbers worth quoting: add `-c release`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["RUNSUI_BENCH"] == "1"))
struct ScaleBenchmark {
  static func runs(_ count: Int) -> [Run] {
    let experiments = (0..<20).map { ExperimentRef(id: "e\($0)", name: "experiment-\($0)") }
    var generator = SeededRandom(seed: 42)
    return (0..<count).map { index in
      let created = Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 7)
      var metrics = [
        Metric(name: "accuracy", nodeID: "train", value: generator.unit(), format: .percentage),
        Metric(name: "loss", nodeID: "train", value: generator.unit() * 3, format: .raw),
      ]
      if index % 3 == 0 {
        metrics.append(Metric(name: "f1", nodeID: "eval", value: generator.unit(), format: .raw))
      }
      return Run(
        id: "run-\(index)", name: "run-\(index)-lr-\(index % 97)", status: .succeeded,
        createdAt: created, finishedAt: created.addingTimeInterval(60 + Double(index % 1000)),
        experiment: experiments[index % 20], pipeline: "train-eval", metrics: metrics)
    }
  }

  static func time(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
  }

  struct Timings: CustomStringConvertible {
    var load = 0.0
    var sortMetric = 0.0
    var sortName = 0.0
    var filterKey = 0.0
    var frame = 0.0
    var cursorKeyAndFrame = 0.0

    var description: String {
      String(
        format:
          "load %.1f ms · sort by metric %.1f ms · sort by name %.1f ms · filter keystroke %.1f ms · frame %.3f ms · key+frame %.3f ms",
        load, sortMetric, sortName, filterKey, frame, cursorKeyAndFrame)
    }
  }

  static func measure(_ count: Int) -> Timings {
    let runs = Self.runs(count)
    var timings = Timings()
    var state = AppState(
      sourceDescription: "bench", options: RenderOptions(timeZone: Fixture.utc), width: 160,
      height: 40)
    timings.load = time {
      state.receive(LoadResult(runs: runs), loaded: count, total: count, finished: true)
    }
    timings.sortMetric = time { _ = state.handle(.character("7")) }
    timings.sortName = time { _ = state.handle(.character("1")) }
    _ = state.handle(.character("/"))
    timings.filterKey = time { _ = state.handle(.character("1")) }
    _ = state.handle(.escape)
    let frames = 50
    timings.frame =
      time {
        for _ in 0..<frames { _ = Screen.render(state, width: 160, height: 40, now: Fixture.now) }
      } / Double(frames)
    timings.cursorKeyAndFrame =
      time {
        for _ in 0..<frames {
          _ = state.handle(.down)
          _ = Screen.render(state, width: 160, height: 40, now: Fixture.now)
        }
      } / Double(frames)
    return timings
  }

  /// What the state adds on top of the core operations it calls.
  @Test func coreBaselines() {
    let runs = Self.runs(1_000_000)
    var values = runs.map { $0.value(of: "loss")! }
    let bare = Self.time { values.sort() }
    let metric = Self.time {
      _ = RunSorter.sortedIndices(runs, by: .init(column: .metric("loss"), ascending: true))
    }
    let name = Self.time {
      _ = RunSorter.sortedIndices(runs, by: .init(column: .name, ascending: true))
    }
    let created = Self.time { _ = RunSorter.sortedIndices(runs, by: .default) }
    let top = Self.time { _ = MetricColumns.top(3, in: runs) }
    let filter = Self.time { _ = RunFilter.matchingIndices(runs, text: "run-1") }
    var state = AppState(sourceDescription: "bench", width: 160, height: 40)
    let receive = Self.time {
      state.receive(LoadResult(runs: runs), loaded: 0, total: nil, finished: true)
    }
    var dictionary: [String: Int] = [:]
    let dictionaryTime = Self.time {
      for (index, run) in runs.enumerated() { dictionary[run.id] = index }
    }
    var appended: [Run] = []
    let appendTime = Self.time { for run in runs { appended.append(run) } }
    var ids = Set<String>()
    let setTime = Self.time { for run in runs { ids.insert(run.experiment?.id ?? "") } }
    print(
      String(
        format: "1M loops: dictionary %.1f · append %.1f · set %.1f ms", dictionaryTime, appendTime,
        setTime))
    let metricsStage = Self.time { state.rebuild(.metrics) }
    let sortStage = Self.time { state.rebuild(.sort) }
    let filterStage = Self.time { state.rebuild(.filter) }
    let scopeStage = Self.time { state.rebuild(.scope) }
    print(
      String(
        format: "1M stages (cumulative): scope %.1f · metrics %.1f · sort %.1f · filter %.1f ms",
        scopeStage, metricsStage, sortStage, filterStage))
    print(
      String(
        format:
          "1M core: bare [Double] sort %.1f ms · metric sort %.1f ms · name sort %.1f ms · created sort %.1f ms · top3 %.1f ms · filter %.1f ms · receive %.1f ms",
        bare, metric, name, created, top, filter, receive))
    #expect(state.runs.count == 1_000_000)
  }

  @Test func thousandVersusMillion() {
    let small = Self.measure(1_000)
    let large = Self.measure(1_000_000)
    print("1k runs: \(small)")
    print("1M runs: \(large)")
    // A frame draws only the visible rows: its cost must not grow with the run count.
    #expect(large.frame < small.frame * 3 + 1)
    #expect(large.cursorKeyAndFrame < small.cursorKeyAndFrame * 3 + 2)
  }
}
