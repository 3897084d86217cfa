import Foundation
import Testing

/// The command line's conventions: `--version`, one error style for every message (the
/// argument parser's included), options that do not apply, values that are refused with the
/// reason, compare's overview and parameters, the accent-blind filter.
@Suite struct ConventionGoldenTests {
  @Test(arguments: [
    ("version", ["--version"]),
    ("error-unknown-option", ["list", "runs", "--no-such-option"]),
    ("error-limit-negative", ["list", "runs", "--limit", "-1"]),
    ("error-metrics-none", ["list", "runs", "--metrics", "no-such-metric,nor-this"]),
    ("warning-metrics-some", ["list", "runs", "--metrics", "loss,no-such-metric"]),
    ("error-missing-source", ["list", "no-such-dir"]),
    ("warning-server-options", ["list", "runs", "--token", "t0k3n", "--namespace", "team"]),
    ("compare-overview-parameters", ["compare", "--demo", "--runs", Self.twoDemoRuns]),
    (
      "compare-csv-parameters",
      ["compare", "--demo", "--runs", Self.twoDemoRuns, "--format", "csv"]
    ),
    ("filter-accents", ["list", "--demo", "--filter", "RESUME"]),
  ])
  func matchesGolden(name: String, arguments: [String]) async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(arguments, in: fixture.root)
    Golden.check(result, fixture: fixture, name: name)
  }

  static let twoDemoRuns = "resnet-finetune-0410-2356,resnet-finetune-0404-1623"

  @Test func everyErrorLineHasOneStyle() async throws {
    let fixture = try Fixture()
    for arguments in [
      ["list", "--no-such-option"], ["list", "runs", "--sort", "nope"], ["list", "nowhere"],
      ["compare", "runs", "--runs", "no-such-run"], ["list", "--format", "xml"],
    ] {
      let result = try await BinaryRunner.run(arguments, in: fixture.root)
      #expect(result.status != 0)
      #expect(result.stderr.hasPrefix("kfp-runs: error: "), "\(arguments): \(result.stderr)")
      #expect(!result.stderr.contains("Error: "), "\(arguments): \(result.stderr)")
    }
  }

  /// Same-named runs get their short id in compare's headers: two identical CSV headers would
  /// say nothing about which column is which.
  @Test func sameNamedRunsGetShortIDsInCompareHeaders() async throws {
    let fixture = try Fixture()
    let runs = """
      {"runs": [
        {"id": "3f2a1c0e-0000-4000-8000-000000000001", "name": "Run of mnist-train",
         "created_at": "2026-01-01T00:00:00Z"},
        {"id": "9b07d2e4-0000-4000-8000-000000000002", "name": "Run of mnist-train",
         "created_at": "2026-01-02T00:00:00Z"}
      ]}
      """
    try Data(runs.utf8).write(to: fixture.root.appendingPathComponent("same-names.json"))
    let result = try await BinaryRunner.run(
      ["compare", "same-names.json", "--format", "csv"], in: fixture.root)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.hasPrefix("metric,Run of mnist-train (9b07d),Run of mnist-train (3f2a1)\n"),
      "\(result.stdout)")
  }
}
