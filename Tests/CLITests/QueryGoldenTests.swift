import Foundation
import Testing

/// `--where`, `--columns`, `--params` and `--sort param:` on the fixture and the demo runs;
/// each output is compared with its golden file. A bad expression exits 2 and shows the
/// expression with a caret under the bad token.
@Suite struct QueryGoldenTests {
  @Test(arguments: [
    ("list-where", ["list", "runs", "--where", "accuracy-score > 90% and loss < 0.5"]),
    (
      "list-where-status", ["list", "runs", "--where", "status in (Failed, Running) or not status"]
    ),
    ("list-where-typo", ["list", "runs", "--where", "acuracy-score > 0.9"]),
    ("list-where-syntax", ["list", "runs", "--where", "(loss < 1 or f1 >= 0.88"]),
    ("list-where-wide", ["list", "runs", "--where", "name ~ '日本語' and lss > 1"]),
    ("list-where-status-typo", ["list", "runs", "--where", "status = Faild"]),
    (
      "list-where-demo",
      [
        "list", "--demo", "--where",
        "learning_rate = 0.01 and created >= 2026-04-05 and duration > 30m",
      ]
    ),
    (
      "list-where-filter",
      ["list", "--demo", "--filter", "resnet", "--where", "status != Succeeded"]
    ),
    (
      "list-params-csv",
      [
        "list", "--demo", "--params", "--metrics", "loss", "--format", "csv", "--filter", "0410",
      ]
    ),
    (
      "list-columns",
      [
        "list", "--demo", "--columns", "loss,param:batch_size,param:optimizer", "--sort",
        "param:batch_size", "--limit", "6",
      ]
    ),
    ("list-sort-param-unknown", ["list", "--demo", "--sort", "param:lr"]),
    ("compare-where", ["compare", "runs", "--where", "has(f1) and experiment = mnist"]),
  ])
  func matchesGolden(name: String, arguments: [String]) async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(arguments, in: fixture.root)
    Golden.check(result, fixture: fixture, name: name)
  }

  /// A syntax error is reported before the source is read: a missing directory does not
  /// change the message.
  @Test func syntaxErrorsComeBeforeLoading() async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(
      ["list", "missing", "--where", "a >"], in: fixture.root)
    #expect(result.status == 2)
    #expect(result.stderr.contains("column 4: expected a value after '>'"))
  }

  /// `browse` without a terminal prints what `list` prints, query included.
  @Test func browseWithoutATerminalAppliesTheQuery() async throws {
    let fixture = try Fixture()
    let arguments = ["runs", "--where", "loss < 1"]
    let browse = try await BinaryRunner.run(arguments, in: fixture.root)
    let list = try await BinaryRunner.run(["list"] + arguments, in: fixture.root)
    #expect(browse.status == 0)
    #expect(browse.stdout == list.stdout)
    #expect(browse.stdout.split(separator: "\n").count == 4)
  }
}
