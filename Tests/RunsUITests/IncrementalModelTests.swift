import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// The table's derived data is kept up to date batch by batch; at every step it must equal the
/// straightforward computation over all the runs (scope, top 3, ranges, sort, filter).
@Suite struct IncrementalModelTests {
  private static let experiments = [
    ExperimentRef(id: "e1", name: "one"), ExperimentRef(id: "e2", name: "two"),
    ExperimentRef(id: "e3", name: "one"),
  ]

  private static func run(_ generator: inout SeededRandom, id: Int) -> Run {
    let stems = ["resnet", "ViT", "bert-Ä", "mlp", "Модель", "x"]
    let metrics = (0..<Int(generator.next() % 5)).map { _ -> Metric in
      let name = ["loss", "acc", "f1", "auc", "bleu"][Int(generator.next() % 5)]
      let value = generator.next() % 12 == 0 ? Double.nan : (generator.unit() - 0.2) * 3
      return Metric(
        name: name, nodeID: "n\(generator.next() % 2)", value: value,
        format: MetricFormat.allCases[Int(generator.next() % 3)])
    }
    let created = Fixture.date(Double(generator.next() % 50))
    return Run(
      id: "r\(id)", name: stems[Int(generator.next() % 6)] + "-\(generator.next() % 40)",
      status: [RunStatus.succeeded, .failed, .running][Int(generator.next() % 3)],
      createdAt: generator.next() % 9 == 0 ? nil : created,
      finishedAt: generator.next() % 3 == 0 ? nil : created.addingTimeInterval(60),
      experiment: generator.next() % 6 == 0 ? nil : experiments[Int(generator.next() % 3)],
      pipeline: generator.next() % 4 == 0 ? nil : "pipe-\(generator.next() % 3)",
      metrics: metrics)
  }

  /// What the table should show, computed from scratch.
  private static func expectMatchesAFreshComputation(_ state: AppState, step: Int) {
    let runs = state.runs
    let ids = Set(
      state.experiments.filter {
        if case .experiment(let key) = state.scope { $0.id == key || $0.name == key } else { false }
      }.map(\.id))
    let scope = runs.indices.filter { state.scope.contains(runs[$0], experimentIDs: ids) }
    let scopeRuns = scope.map { runs[$0] }
    let columns = state.chosenMetrics ?? MetricColumns.top(3, in: scopeRuns)
    #expect(state.metricColumns == columns, "step \(step)")
    for info in state.model.metricInfo {
      let values = scopeRuns.compactMap { $0.value(of: info.name) }
      #expect(info.min == values.min() && info.max == values.max(), "step \(step) \(info.name)")
      #expect(info.format == MetricColumns.format(of: info.name, in: scopeRuns), "step \(step)")
    }
    let sorted = RunSorter.sortedIndices(scopeRuns, by: state.sort).map { scope[$0] }
    let shown = sorted.filter { RunFilter.matches(runs[$0], text: state.filterText) }
    #expect(state.shownIndices == shown, "step \(step)")
    #expect(state.scopeCount == scope.count, "step \(step)")
    var widths = 0
    for index in scope {
      widths = max(widths, min(60, DisplayWidth.of(TextSanitizer.clean(runs[index].name))))
    }
    // Room for a short id when two runs in scope share a name.
    let names = scope.map { runs[$0].name }
    if Set(names).count < names.count { widths = min(60, widths + ShortID.minimumLength + 3) }
    #expect(state.model.widths.name == widths, "step \(step)")
  }

  @Test func batchesReplacementsReloadsAndKeysAgreeWithAFreshComputation() {
    var generator = SeededRandom(seed: 7)
    var state = AppState(
      sourceDescription: "runs/", options: RenderOptions(timeZone: Fixture.utc), width: 160,
      height: 30)
    var nextID = 0
    for step in 0..<60 {
      switch generator.next() % 8 {
      case 0:
        state.setFilter(["", "r", "resnet", "ä", "-1", "МОД", "vit-3"][Int(generator.next() % 7)])
      case 1:
        let columns: [Column] = [
          .name, .status, .duration, .created, .metric("loss"), .metric("acc"),
        ]
        state.sortBy(columns[Int(generator.next() % 6)])
      case 2:
        let scopes: [Scope] = [.all, .experiment("one"), .experiment("e2"), .experiment("e3")]
        state.scope = scopes[Int(generator.next() % 4)]
        state.rebuild(.scope)
      case 3:
        // A reload brings back most runs (some changed), drops the others.
        state.beginReload()
        let kept = state.runs.filter { _ in generator.next() % 5 != 0 }.map { old -> Run in
          generator.next() % 3 == 0 ? Self.run(&generator, id: Int(old.id.dropFirst())!) : old
        }
        state.receive(
          LoadResult(runs: Array(kept.prefix(kept.count / 2))), loaded: kept.count / 2,
          total: kept.count, finished: false)
        state.receive(
          LoadResult(runs: Array(kept.dropFirst(kept.count / 2))), loaded: kept.count,
          total: kept.count, finished: true)
      default:
        // New runs, with now and then a run already known (replaced in place).
        var batch: [Run] = []
        for _ in 0..<Int(generator.next() % 25) {
          if nextID > 0 && generator.next() % 6 == 0 {
            batch.append(Self.run(&generator, id: Int(generator.next() % UInt64(nextID))))
          } else {
            batch.append(Self.run(&generator, id: nextID))
            nextID += 1
          }
        }
        state.receive(
          LoadResult(runs: batch, experiments: step == 20 ? Self.experiments : []),
          loaded: state.runs.count, total: nil, finished: generator.next() % 4 == 0)
      }
      Self.expectMatchesAFreshComputation(state, step: step)
    }
    #expect(state.runs.count > 100)
  }
}
