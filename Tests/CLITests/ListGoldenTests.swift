import Foundation
import Testing

/// `kfp-runs list` on the fixture, in every format and with every option that changes rows or
/// columns; each output is compared with its golden file.
@Suite struct ListGoldenTests {
  @Test(arguments: [
    ("list-table", ["list", "runs"]),
    ("list-csv", ["list", "runs", "--format", "csv"]),
    ("list-json", ["list", "runs", "--format", "json"]),
    ("list-markdown", ["list", "runs", "--format", "markdown"]),
    ("list-sort-metric", ["list", "runs", "--sort", "loss"]),
    ("list-sort-metric-reversed", ["list", "runs", "--sort", "accuracy-score:asc"]),
    ("list-sort-name-desc", ["list", "runs", "--sort", "name:desc"]),
    ("list-filter", ["list", "runs", "--filter", "LR-"]),
    ("list-metrics", ["list", "runs", "--metrics", "roc-auc,loss"]),
    ("list-all-metrics", ["list", "runs", "--all-metrics", "--format", "csv"]),
    ("list-experiment", ["list", "runs", "--experiment", "mnist"]),
    ("list-limit", ["list", "runs", "--sort", "created:asc", "--limit", "2"]),
    ("list-json-file", ["list", "saved.json"]),
    ("list-demo", ["list", "--demo"]),
    ("list-empty", ["list", "empty"]),
    ("list-empty-csv", ["list", "empty", "--format", "csv"]),
  ])
  func listMatchesGolden(name: String, arguments: [String]) async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(arguments, in: fixture.root)
    Golden.check(result, fixture: fixture, name: name)
  }

  @Test func browseWithoutATerminalPrintsTheList() async throws {
    let fixture = try Fixture()
    let browse = try await BinaryRunner.run(["runs"], in: fixture.root)
    let list = try await BinaryRunner.run(["list", "runs"], in: fixture.root)
    #expect(browse.status == 0)
    #expect(browse.stdout == list.stdout)
    #expect(!browse.stdout.isEmpty)
  }

  @Test func noSourceMeansTheCurrentDirectory() async throws {
    let fixture = try Fixture()
    let here = try await BinaryRunner.run(["list"], in: fixture.root.appendingPathComponent("runs"))
    let named = try await BinaryRunner.run(["list", "runs"], in: fixture.root)
    #expect(here.status == 0)
    #expect(here.stdout == named.stdout)
  }
}

/// Problems of a source `check` cannot read are printed on stderr, at most ten of them.
@Suite struct ListProblemTests {
  @Test func problemLinesStopAfterTenWithACount() async throws {
    let fixture = try Fixture()
    let broken = (1...12).map { #"{"name": "no id \#($0)"}"# }
    let text = #"{"runs": [{"id": "ok", "name": "ok"}, "# + broken.joined(separator: ", ") + "]}"
    try Data(text.utf8).write(to: fixture.root.appendingPathComponent("broken.json"))
    let result = try await BinaryRunner.run(
      ["list", "broken.json", "--format", "csv"], in: fixture.root)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.first == "⚠ 12 problems:")
    #expect(lines.filter { $0.hasPrefix("  broken.json") }.count == 10)
    #expect(lines.last == "  … and 2 more")
  }
}
