import Foundation
import Testing

@testable import RunsCore

@Suite struct QueryEvaluationTests {
  private static let utc = TimeZone(identifier: "UTC")!

  /// A random run: names in mixed case and with diacritics, statuses, metrics and parameters
  /// that are sometimes missing, parameters that read as numbers or not.
  private static func run(_ generator: inout SeededRandom, id: Int) -> Run {
    func pick<T>(_ choices: [T]) -> T { choices[Int(generator.next() % UInt64(choices.count))] }
    let metrics = ["acc", "loss", "f1-score"].compactMap { name -> Metric? in
      guard generator.next() % 4 != 0 else { return nil }
      let value = pick([0.1, 0.5, 0.9, 0.25, 1.0, 0, -1, Double.nan])
      return Metric(name: name, nodeID: pick(["a", "b"]), value: value, format: .raw)
    }
    var parameters: [Parameter] = []
    if generator.next() % 4 != 0 {
      parameters.append(
        Parameter(name: "lr", value: pick(["0.01", "1e-2", "0.1", "fast", "", "10", "9", "90%"])))
    }
    if generator.next() % 3 != 0 {
      parameters.append(Parameter(name: "opt", value: pick(["adam", "Adam", "sgd", "Ädam", "1"])))
    }
    let created = pick([nil, 0, 86_400, 86_400 * 4 + 3_600, 90_000] as [Double?])
    let finished = created.flatMap { start in pick([nil, start + 60, start + 5_400] as [Double?]) }
    return Run(
      id: "r\(id)", name: pick(["resnet-50", "ResNet-18", "résumé", "mnist", "", "lr-0.01"]),
      status: pick([nil, .succeeded, .failed, .error, .running]),
      createdAt: created.map { Date(timeIntervalSince1970: $0) },
      finishedAt: finished.map { Date(timeIntervalSince1970: $0) },
      experiment: pick([
        nil, ExperimentRef(id: "e1", name: "exp-1"), ExperimentRef(id: "e2", name: "Two"),
      ]),
      pipeline: pick([nil, "train", "Train-v2"]), parameters: parameters, metrics: metrics)
  }

  /// A random comparison, as text.
  private static func comparison(_ generator: inout SeededRandom) -> String {
    func pick<T>(_ choices: [T]) -> T { choices[Int(generator.next() % UInt64(choices.count))] }
    let op = pick(["=", "!=", "<", "<=", ">", ">="])
    switch generator.next() % 12 {
    case 0:
      return
        "\(pick(["acc", "metric:loss", "`f1-score`", "metrics.acc"])) \(op) \(pick(["0.5", "90%", "0", "-1", "1e0"]))"
    case 1: return "\(pick(["acc", "loss"])) \(pick(["in", "not in"])) (0.5, 0.9, 1)"
    case 2:
      return
        "\(pick(["lr", "param:lr", "params.lr"])) \(op) \(pick(["0.01", "fast", "10", "'9'", "''", "90%"]))"
    case 3:
      return "\(pick(["lr", "opt"])) \(pick(["~", "!~"])) \(pick(["a", "0.0", "DAM", "'ä'", "''"]))"
    case 4: return "opt \(pick(["in", "not in"])) (adam, 1, 'sgd', 1.0)"
    case 5: return "status \(pick(["=", "!="])) \(pick(["failed", "Succeeded", "RUNNING"]))"
    case 6:
      return "status \(pick(["in", "not in", "~", "!~"])) \(pick(["(Failed, Error)", "(running)"]))"
        .replacingOccurrences(of: "~ (running)", with: "~ 'run'").replacingOccurrences(
          of: "~ (Failed, Error)", with: "~ e")
    case 7:
      return
        "\(pick(["name", "attr:name", "experiment", "pipeline", "id"])) \(pick(["=", "!=", "~", "!~", "<", ">="])) \(pick(["resnet-50", "RESUME", "exp-1", "e2", "train", "r1", "''", "Résumé"]))"
    case 8: return "\(pick(["experiment", "name"])) \(pick(["in", "not in"])) (e1, mnist, two)"
    case 9:
      return
        "\(pick(["created", "finished"])) \(op) \(pick(["1970-01-02", "1970-01-05T01:00", "1970-01-02T01:00:00", "1970-01-01"]))"
    case 10: return "duration \(op) \(pick(["1m", "1h30m", "60", "90m", "45s"]))"
    default:
      let name = pick([
        "acc", "loss", "lr", "opt", "status", "experiment", "pipeline", "finished", "duration",
      ])
      return pick(["has(\(name))", name])
    }
  }

  /// A random query of up to a few comparisons with `and`, `or`, `not` and parentheses.
  private static func query(_ generator: inout SeededRandom, depth: Int = 0) -> String {
    if depth > 2 || generator.next() % 3 == 0 { return comparison(&generator) }
    let a = query(&generator, depth: depth + 1)
    let b = query(&generator, depth: depth + 1)
    switch generator.next() % 4 {
    case 0: return "\(a) and \(b)"
    case 1: return "\(a) or \(b)"
    case 2: return "not (\(a)) and \(b)"
    default: return "(\(a) or \(b)) and not \(b)"
    }
  }

  /// Over randomized runs, the column evaluator keeps exactly the runs the reference keeps —
  /// over all runs at once, over batches as they arrive, and after runs are replaced.
  @Test func sameSelectionAsTheReference() throws {
    var generator = SeededRandom(seed: 0x9E7)
    var runs = (0..<400).map { Self.run(&generator, id: $0) }
    let names = QueryNames(metrics: ["acc", "loss", "f1-score"], parameters: ["lr", "opt"])
    var checked = 0
    for _ in 0..<100 {
      let text = Self.query(&generator)
      let query = try #require(try Query.compile(text, names: names, timeZone: Self.utc))
      // All at once.
      var columns = RunColumns(runs: runs)
      let expected = runs.map { ReferenceQuery.holds(query.root, $0) }
      #expect(columns.matchMask(query) == expected, "\(text)")
      // In batches: the columns are built by the first query, then extended.
      var batched = RunColumns(runs: Array(runs[0..<100]))
      var flags = batched.matchMask(query)
      for range in [100..<250, 250..<251, 251..<400] {
        batched.append(contentsOf: Array(runs[range]))
        flags += batched.matchMask(query, runs: range)
      }
      #expect(flags == expected, "batches: \(text)")
      // Replacements.
      let replaced = (0..<20).map { _ in Int(generator.next() % 400) }
      let replacements = replaced.map { ($0, Self.run(&generator, id: $0)) }
      batched.replace(replacements.map { (index: $0.0, run: $0.1) })
      for (index, run) in replacements { runs[index] = run }
      #expect(
        batched.matchMask(query) == runs.map { ReferenceQuery.holds(query.root, $0) },
        "replaced: \(text)")
      checked += expected.filter { $0 }.count
    }
    // The queries selected something (a reference that always says no would prove nothing).
    #expect(checked > 4_000)
  }

  private func select(_ text: String, _ runs: [Run], names: QueryNames? = nil) throws -> [String] {
    let names = names ?? QueryNames(runs: runs)
    let query = try #require(try Query.compile(text, names: names, timeZone: Self.utc))
    var columns = RunColumns(runs: runs)
    let mask = columns.matchMask(query)
    return runs.indices.filter { mask[$0] }.map { runs[$0].id }
  }

  private static let sample: [Run] = [
    Run(
      id: "a", name: "resnet-a", status: .succeeded, createdAt: Date(timeIntervalSince1970: 0),
      finishedAt: Date(timeIntervalSince1970: 5_400),
      experiment: ExperimentRef(id: "e1", name: "exp-1"),
      parameters: [Parameter(name: "lr", value: "0.01"), Parameter(name: "opt", value: "adam")],
      metrics: [
        Metric(name: "acc", nodeID: "n", value: 0.95, format: .percentage),
        Metric(name: "loss", nodeID: "n", value: 0.3, format: .raw),
      ]),
    Run(
      id: "b", name: "resnet-b", status: .failed, createdAt: Date(timeIntervalSince1970: 86_400),
      experiment: ExperimentRef(id: "e2", name: "exp-2"),
      parameters: [Parameter(name: "lr", value: "1e-2")],
      metrics: [Metric(name: "acc", nodeID: "n", value: 0.85, format: .percentage)]),
    Run(
      id: "c", name: "mnist", status: nil, parameters: [Parameter(name: "lr", value: "fast")],
      metrics: [Metric(name: "loss", nodeID: "n", value: 0.7, format: .raw)]),
  ]

  @Test func missingValuesMakeComparisonsFalseAndNotTrue() throws {
    // `c` has no acc: neither > nor <= nor != holds, `not` of each does.
    #expect(try select("acc > 0.9", Self.sample) == ["a"])
    #expect(try select("acc <= 0.9", Self.sample) == ["b"])
    #expect(try select("acc != 0.95", Self.sample) == ["b"])
    #expect(try select("not acc > 0.9", Self.sample) == ["b", "c"])
    #expect(try select("not acc != 0.95", Self.sample) == ["a", "c"])
    #expect(try select("acc not in (0.95)", Self.sample) == ["b"])
    #expect(try select("not acc in (0.95)", Self.sample) == ["b", "c"])
    // Presence: a bare name and has().
    #expect(try select("acc", Self.sample) == ["a", "b"])
    #expect(try select("not has(acc)", Self.sample) == ["c"])
    #expect(try select("status", Self.sample) == ["a", "b"])
    #expect(try select("status != Failed", Self.sample) == ["a"])
    #expect(try select("finished", Self.sample) == ["a"])
    #expect(try select("not experiment", Self.sample) == ["c"])
    #expect(try select("opt != sgd", Self.sample) == ["a"])
  }

  @Test func specExamples() throws {
    #expect(try select("acc > 90% and loss < 0.5", Self.sample) == ["a"])
    #expect(try select("status = Failed or status = Error", Self.sample) == ["b"])
    #expect(try select("lr = 0.01 and not loss", Self.sample) == ["b"])
    #expect(try select(#"name ~ "RESNET""#, Self.sample) == ["a", "b"])
    #expect(try select("experiment != exp-2", Self.sample) == ["a"])
    #expect(try select("experiment = e2", Self.sample) == ["b"])
    #expect(try select("duration > 1h", Self.sample) == ["a"])
    #expect(try select("duration >= 1h30m and duration <= 5400", Self.sample) == ["a"])
    #expect(try select("created >= 1970-01-02", Self.sample) == ["b"])
    #expect(try select("created = 1970-01-01", Self.sample) == ["a"])
    #expect(try select("created < 1970-01-02T00:00:01", Self.sample) == ["a", "b"])
    #expect(try select("created < 1970-01-02T00:00:00", Self.sample) == ["a"])
    #expect(try select("(acc >= 0.9 or loss >= 0.5) and lr", Self.sample) == ["a", "c"])
  }

  @Test func parametersCompareAsNumbersWhenBothSidesDo() throws {
    // 0.01 and 1e-2 are the same number; "fast" is text, and text never equals a number.
    #expect(try select("lr = 0.01", Self.sample) == ["a", "b"])
    #expect(try select("lr = '1e-2'", Self.sample) == ["a", "b"])
    #expect(try select("lr in (1%, fast)", Self.sample) == ["a", "b", "c"])
    // A value that does not read as a number compares as text, even with a number: "fast"
    // sorts after "0.001".
    #expect(try select("lr > 0.001", Self.sample) == ["a", "b", "c"])
    #expect(try select("lr < 0.1", Self.sample) == ["a", "b"])
    // Text order for a value that is not a number.
    #expect(try select("lr > e", Self.sample) == ["c"])
    #expect(try select("lr ~ 0.0", Self.sample) == ["a"])
    #expect(try select("param:lr != 0.01", Self.sample) == ["c"])
    // When every value is a number, the same answers (the evaluator skips the text).
    let numeric = Array(Self.sample.prefix(2))
    #expect(try select("lr = 0.01", numeric) == ["a", "b"])
    #expect(try select("lr in (1%, fast)", numeric) == ["a", "b"])
    #expect(try select("lr not in (0.01)", numeric).isEmpty)
    #expect(try select("lr != 0.01", numeric).isEmpty)
  }

  @Test func statusAndTextIgnoreCase() throws {
    #expect(try select("status = FAILED", Self.sample) == ["b"])
    #expect(try select("status in (succeeded, failed)", Self.sample) == ["a", "b"])
    #expect(try select("status ~ fail", Self.sample) == ["b"])
    #expect(try select("status !~ fail", Self.sample) == ["a"])
    #expect(try select("opt = ADAM", Self.sample) == ["a"])
  }
}
