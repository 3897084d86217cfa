import Foundation
import Testing

@testable import RunsCore

// Foundation has a `SortOrder` too.
private typealias SortOrder = RunsCore.SortOrder

@Suite struct RunSorterTests {
  private func ids(_ runs: [Run], _ order: SortOrder) -> [String] {
    RunSorter.sort(runs, by: order).map(\.id)
  }

  @Test func metricNumericWithMissingLastBothWays() {
    let runs = [
      Fixture.run("a", created: 1, metrics: [("acc", 0.5)]),
      Fixture.run("b", created: 2),
      Fixture.run("c", created: 3, metrics: [("acc", 0.9)]),
      Fixture.run("d", created: 4, metrics: [("acc", 10)]),
      Fixture.run("e", created: 5, metrics: [("acc", -1)]),
    ]
    #expect(
      ids(runs, SortOrder(column: .metric("acc"), ascending: true)) == ["e", "a", "c", "d", "b"])
    #expect(
      ids(runs, SortOrder(column: .metric("acc"), ascending: false)) == ["d", "c", "a", "e", "b"])
  }

  @Test func tiesByStartTimeNewestFirstThenID() {
    let runs = [
      Fixture.run("old", created: 10, metrics: [("m", 1)]),
      Fixture.run("new", created: 30, metrics: [("m", 1)]),
      Fixture.run("z-same", created: 20, metrics: [("m", 1)]),
      Fixture.run("a-same", created: 20, metrics: [("m", 1)]),
      Fixture.run("no-time", metrics: [("m", 1)]),
    ]
    let expected = ["new", "a-same", "z-same", "old", "no-time"]
    #expect(ids(runs, SortOrder(column: .metric("m"), ascending: true)) == expected)
    #expect(ids(runs, SortOrder(column: .metric("m"), ascending: false)) == expected)
    // Missing values tie too, with the same rule.
    #expect(ids(runs, SortOrder(column: .metric("absent"), ascending: true)) == expected)
  }

  @Test func minusZeroEqualsZero() {
    let runs = [
      Fixture.run("neg", created: 1, metrics: [("m", -0.0)]),
      Fixture.run("pos", created: 2, metrics: [("m", 0.0)]),
    ]
    #expect(ids(runs, SortOrder(column: .metric("m"), ascending: true)) == ["pos", "neg"])
  }

  @Test func durationAndCreated() {
    let runs = [
      Fixture.run("short", created: 100, finished: 110),
      Fixture.run("running", created: 300),
      Fixture.run("long", created: 200, finished: 900),
      Fixture.run("unknown"),
    ]
    #expect(ids(runs, .best(for: .duration)) == ["long", "short", "running", "unknown"])
    #expect(
      ids(runs, SortOrder(column: .duration, ascending: true)) == [
        "short", "long", "running", "unknown",
      ])
    #expect(ids(runs, .default) == ["running", "long", "short", "unknown"])
    #expect(
      ids(runs, SortOrder(column: .created, ascending: true)) == [
        "short", "long", "running", "unknown",
      ])
  }

  @Test func textIsCaseInsensitiveWithBlanksLast() {
    let runs = [
      Fixture.run("1", name: "beta", created: 1, status: .succeeded, pipeline: "P"),
      Fixture.run("2", name: "Alpha", created: 2, status: .failed),
      Fixture.run("3", name: "", created: 3, status: .running, pipeline: "q"),
      Fixture.run("4", name: "alpha", created: 4, pipeline: ""),
      Fixture.run("5", name: "Gamma", created: 5, status: .error, pipeline: "p"),
    ]
    #expect(ids(runs, SortOrder(column: .name, ascending: true)) == ["4", "2", "1", "5", "3"])
    #expect(ids(runs, SortOrder(column: .name, ascending: false)) == ["5", "1", "4", "2", "3"])
    #expect(ids(runs, SortOrder(column: .status, ascending: true)) == ["5", "2", "3", "1", "4"])
    #expect(ids(runs, SortOrder(column: .pipeline, ascending: true)) == ["5", "1", "3", "4", "2"])
    #expect(ids(runs, SortOrder(column: .pipeline, ascending: false)) == ["3", "5", "1", "4", "2"])
  }

  @Test func experimentColumn() {
    let runs = [
      Fixture.run("1", created: 1, experiment: "Zeta"),
      Fixture.run("2", created: 2),
      Fixture.run("3", created: 3, experiment: "alpha"),
    ]
    #expect(ids(runs, SortOrder(column: .experiment, ascending: true)) == ["3", "1", "2"])
    #expect(ids(runs, SortOrder(column: .experiment, ascending: false)) == ["1", "3", "2"])
  }

  @Test func emptyAndSingle() {
    #expect(RunSorter.sortedIndices([], by: .default).isEmpty)
    #expect(RunSorter.sortedIndices([Fixture.run("x")], by: .default) == [0])
  }

  /// Random runs with many ties, missing values, duplicate ids and nearly equal values sort
  /// exactly as a direct comparator implementing the rules does, for every column and
  /// direction, also through a reused key cache.
  @Test func agreesWithReferenceComparator() {
    var generator = SeededRandom(seed: 11)
    for round in 0..<12 {
      let count = [0, 1, 2, 5, 40, 300, 2000][round % 7] + round
      let runs = (0..<count).map { _ in randomRun(&generator) }
      var keys = RunSortKeys(runs: runs)
      let columns: [Column] = [
        .metric("m"), .metric("absent"), .duration, .created, .name, .status, .experiment,
        .pipeline,
      ]
      for column in columns {
        for ascending in [true, false] {
          let order = SortOrder(column: column, ascending: ascending)
          let expected = reference(runs, order)
          #expect(RunSorter.sortedIndices(runs, by: order) == expected, "\(order)")
          #expect(keys.sortedIndices(by: order) == expected, "\(order) cached")
        }
      }
    }
  }

  /// Thousands of runs (groups far above the small-group limit, so the radix sort runs on
  /// every level) sort exactly as the reference comparator does: values from every range of
  /// doubles, -0 and +0, neighbours one ulp apart, many ties on the value and the start time,
  /// duplicate ids, missing and non-finite values, both directions.
  @Test func largeNumericGroupsAgreeWithReferenceComparator() {
    var generator = SeededRandom(seed: 23)
    func pick(_ n: Int) -> Int { Int(generator.next() % UInt64(n)) }
    let common: [Double] = [
      0, -0.0, 1, -1, 0.5, -2.5, 1e300, -1e300, 1e-300, -1e-300, .leastNonzeroMagnitude,
      -.leastNonzeroMagnitude,
      .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e9, (1e9).nextUp, (1e9).nextDown,
      0.1 + 0.2, 0.3, .infinity, -.infinity, .nan,
    ]
    for count in [1000, 3000] {
      let runs = (0..<count).map { _ -> Run in
        var metrics: [(String, Double)] = []
        switch pick(4) {
        case 0: metrics.append(("m", common[pick(common.count)]))
        case 1:
          let bits = generator.next()
          let any = Double(bitPattern: bits)
          metrics.append(("m", any.isFinite ? any : Double(Int64(bitPattern: bits)) * 1e-9))
        case 2: metrics.append(("m", 0.75 + Double(pick(40)) * 0.75.ulp))
        default: break
        }
        let created: Double? = pick(5) == 0 ? nil : Double(pick(20))
        return Fixture.run("id\(pick(count / 3))", created: created, metrics: metrics)
      }
      var keys = RunSortKeys(runs: runs)
      for ascending in [true, false] {
        let order = SortOrder(column: .metric("m"), ascending: ascending)
        let expected = reference(runs, order)
        #expect(RunSorter.sortedIndices(runs, by: order) == expected, "\(count) \(order)")
        #expect(keys.sortedIndices(by: order) == expected, "\(count) \(order) cached")
      }
    }
  }

  private func randomRun(_ generator: inout SeededRandom) -> Run {
    func pick(_ n: UInt64) -> Int { Int(generator.next() % n) }
    let base = 1e9
    let values: [Double] = [
      0, -0.0, 1, 1, 2.5, -3, 1e-300, 1e300, 0.1 + 0.2, 0.3, base, base + 1e-6,
    ]
    var metrics: [(String, Double)] = []
    if pick(4) != 0 { metrics.append(("m", values[pick(UInt64(values.count))] + Double(pick(3)))) }
    if pick(5) == 0 { metrics.append(("m", .nan)) }
    // Long names share prefixes longer than one 7-byte sort key, and some are prefixes of
    // others.
    let names = [
      "alpha", "Alpha", "beta", "", "Ärger", "zeta", "ALPHA", "experiment-run-000001",
      "experiment-run-00000", "Experiment-Run-0000010", "experiment-run-000001\u{0}",
      "experiment-run-000001x", "experiment-run-", "experiment-run-000001-ärger",
    ]
    let created: Double? = pick(6) == 0 ? nil : Double(pick(5)) * 100
    let finished: Double? = created.flatMap { pick(3) == 0 ? nil : $0 + Double(pick(4)) * 10 }
    return Fixture.run(
      "id\(pick(30))", name: names[pick(UInt64(names.count))], created: created, finished: finished,
      status: pick(4) == 0 ? nil : RunStatus.allCases[pick(8)],
      experiment: pick(3) == 0 ? nil : names[pick(UInt64(names.count))],
      pipeline: pick(3) == 0 ? nil : names[pick(UInt64(names.count))],
      metrics: metrics)
  }

  /// The rules of SPEC §5.2 written directly as one comparator.
  private func reference(_ runs: [Run], _ order: SortOrder) -> [Int] {
    func number(_ run: Run) -> Double? {
      let value: Double? =
        switch order.column {
        case .metric(let name): run.value(of: name)
        case .duration: run.duration
        case .created: run.createdAt?.timeIntervalSince1970
        default: nil
        }
      return value.flatMap { $0.isFinite ? $0 : nil }
    }
    func text(_ run: Run) -> String? {
      let value: String? =
        switch order.column {
        case .name: run.name
        case .status: run.status?.rawValue
        case .experiment: run.experiment?.name
        case .pipeline: run.pipeline
        default: nil
        }
      return value.flatMap { $0.isEmpty ? nil : $0.lowercased() }
    }
    func tieBreak(_ a: Int, _ b: Int) -> Bool {
      let timeA = runs[a].createdAt?.timeIntervalSince1970
      let timeB = runs[b].createdAt?.timeIntervalSince1970
      if timeA != timeB {
        guard let timeA else { return false }
        guard let timeB else { return true }
        return timeA > timeB
      }
      if runs[a].id != runs[b].id { return runs[a].id < runs[b].id }
      return a < b
    }
    let isText: Bool
    switch order.column {
    case .name, .status, .experiment, .pipeline: isText = true
    default: isText = false
    }
    return runs.indices.sorted { a, b in
      if isText {
        switch (text(runs[a]), text(runs[b])) {
        case (nil, .some): return false
        case (.some, nil): return true
        case (.some(let x), .some(let y)) where x != y: return order.ascending ? x < y : x > y
        default: return tieBreak(a, b)
        }
      }
      switch (number(runs[a]), number(runs[b])) {
      case (nil, .some): return false
      case (.some, nil): return true
      case (.some(let x), .some(let y)) where x != y: return order.ascending ? x < y : x > y
      default: return tieBreak(a, b)
      }
    }
  }
}

@Suite struct RunSorterLongTextTests {
  /// Very long names neither overflow the stack nor take long: they compare on their first
  /// 256 bytes, and names equal that far tie (start time, then id decide).
  @Test func longNames() {
    let long = String(repeating: "x", count: 100_000)
    let runs = [
      Fixture.run("a", name: long + "b", created: 1),
      Fixture.run("b", name: long + "a", created: 2),
      Fixture.run("c", name: String(long.prefix(250)) + "a", created: 3),
      Fixture.run("d", name: String(long.prefix(250)), created: 4),
    ]
    let order = RunSorter.sort(runs, by: RunsCore.SortOrder(column: .name, ascending: true))
    #expect(order.map(\.id) == ["d", "c", "b", "a"])
  }
}
