import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// Changed runs put in place (as a watch cycle does) leave the table exactly as a rebuild
/// from scratch would: order, rows, metric columns and their ranges.
@Suite struct InPlaceReplaceTests {
  /// A small deterministic generator, so a failure can be replayed.
  struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func unit() -> Double { Double(next() % 10_000) / 10_000 }
  }

  static let statuses: [RunStatus] = [.succeeded, .running, .failed, .pending, .skipped]

  static func run(_ index: Int, _ random: inout Random) -> Run {
    var metrics: [Metric] = []
    if random.below(10) < 8 {
      metrics.append(Fixture.metric("accuracy", random.unit(), .percentage))
    }
    metrics.append(Fixture.metric("loss", Double(random.below(40)) / 10))
    if random.below(10) < 3 { metrics.append(Fixture.metric("f1", random.unit())) }
    if random.below(20) == 0 { metrics.append(Fixture.metric("rare", random.unit())) }
    // Few distinct start times, so ties go to the later keys; some runs have none.
    let created = random.below(12) == 0 ? nil : Fixture.date(Double(random.below(40)))
    return Run(
      id: "run-\(index)", name: "model-\(index % 7)-\(index)",
      status: statuses[random.below(statuses.count)], createdAt: created,
      finishedAt: created.map { $0.addingTimeInterval(Double(random.below(5000))) },
      experiment: index % 3 == 0 ? Fixture.tuning : Fixture.baseline, pipeline: "p",
      parameters: [Parameter(name: "lr", value: "0.\(index % 5)")], metrics: metrics)
  }

  /// `run` with new values: a metric changed, gone or at a new extreme, a status, a duration.
  static func changed(_ run: Run, _ random: inout Random) -> Run {
    var copy = run
    switch random.below(6) {
    case 0: copy.metrics.removeAll { $0.name == "accuracy" }
    case 1: copy.metrics = copy.metrics.map { Fixture.metric($0.name, 2, $0.format) }
    case 2: copy.metrics = copy.metrics.map { Fixture.metric($0.name, -1, $0.format) }
    case 3:
      copy.status = statuses[random.below(statuses.count)]
      copy.finishedAt = copy.createdAt?.addingTimeInterval(Double(random.below(90_000)))
    default:
      copy.metrics.removeAll { $0.name == "accuracy" }
      copy.metrics.append(Fixture.metric("accuracy", random.unit(), .percentage))
    }
    return copy
  }

  static let orders: [RunsCore.SortOrder] = [
    .default, RunsCore.SortOrder(column: .metric("accuracy"), ascending: false),
    RunsCore.SortOrder(column: .metric("accuracy"), ascending: true),
    RunsCore.SortOrder(column: .metric("loss"), ascending: true),
    RunsCore.SortOrder(column: .duration, ascending: false),
  ]

  static let views: [(filter: String, query: String?, experiment: String?)] = [
    ("", nil, nil), ("model-3", nil, nil), ("", "accuracy > 0.4 or loss < 1", nil),
    ("", nil, "tuning"),
  ]

  @Test(arguments: orders.indices, views.indices)
  func inPlaceMatchesARebuild(order: Int, view: Int) {
    var random = Random(state: UInt64(order * 31 + view))
    let runs = (0..<300).map { Self.run($0, &random) }
    let (filter, query, experiment) = Self.views[view]
    var state = AppState(
      sourceDescription: "runs/", sort: Self.orders[order], filter: filter, query: query,
      experiment: experiment, options: RenderOptions(color: false, timeZone: Fixture.utc),
      width: 160, height: 40)
    state.receive(
      LoadResult(runs: runs, experiments: [Fixture.baseline, Fixture.tuning]),
      loaded: runs.count, total: runs.count, finished: true)
    #expect(state.query?.text == query)
    for _ in 0..<60 {
      let picked = Set((0..<1 + random.below(3)).map { _ in random.below(runs.count) })
      let changes = picked.map { Self.changed(state.runs[$0], &random) }
      let inPlace = state.replaceInPlace(changes)
      #expect(inPlace)
      var fresh = state
      fresh.rebuild(.scope)
      #expect(state.model.sorted == fresh.model.sorted)
      #expect(state.model.shown == fresh.model.shown)
      #expect(state.model.metricColumns == fresh.model.metricColumns)
      #expect(state.model.metricInfo == fresh.model.metricInfo)
      // Widths only grow in place (a status no run has any more keeps its room).
      #expect(state.model.widths.status >= fresh.model.widths.status)
      #expect(state.model.widths.name == fresh.model.widths.name)
      for run in changes { #expect(state.run(id: run.id) == run) }
    }
  }

  /// What the in-place path leaves to a rebuild: a new name, a sort by text.
  @Test func aRenamedRunOrATextSortTakesARebuild() {
    var state = Fixture.state()
    var renamed = Fixture.runs[0]
    renamed.name = "renamed"
    let renamedInPlace = state.replaceInPlace([renamed])
    #expect(!renamedInPlace)
    state.sortBy(.name)
    var better = Fixture.runs[0]
    better.metrics[0].value = 0.99
    let textSortInPlace = state.replaceInPlace([better])
    #expect(!textSortInPlace)
    #expect(state.run(id: "r1")?.value(of: "accuracy") == 0.91)
  }
}
