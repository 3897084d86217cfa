import Testing

/// `kfp-runs compare`: runs named by name, id or directory name.
@Suite struct CompareGoldenTests {
  @Test(arguments: [
    ("compare-table", ["compare", "runs", "--runs", "baseline,lr-0.01,run-c"]),
    ("compare-csv", ["compare", "runs", "--runs", "baseline,lr-0.01,run-c", "--format", "csv"]),
    ("compare-markdown", ["compare", "runs", "--runs", "run-c,baseline", "--format", "markdown"]),
    ("compare-json", ["compare", "runs", "--runs", "lr-0.01,raw-run", "--format", "json"]),
    ("compare-filtered", ["compare", "runs", "--filter", "run", "--sort", "name"]),
  ])
  func compareMatchesGolden(name: String, arguments: [String]) async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(arguments, in: fixture.root)
    Golden.check(result, fixture: fixture, name: name)
  }

  @Test func aRunIsFoundByIdNameOrDirectoryName() async throws {
    let fixture = try Fixture()
    let byName = try await BinaryRunner.run(
      ["compare", "runs", "--runs", "baseline", "--format", "csv"], in: fixture.root)
    let byID = try await BinaryRunner.run(
      ["compare", "runs", "--runs", "5d3e8b52-0000-4000-8000-00000000000a", "--format", "csv"],
      in: fixture.root)
    let byDirectory = try await BinaryRunner.run(
      ["compare", "runs", "--runs", "run-a", "--format", "csv"], in: fixture.root)
    #expect(byName.status == 0)
    #expect(byName.stdout.hasPrefix("metric,baseline\n"))
    #expect(byID.stdout == byName.stdout)
    #expect(byDirectory.stdout == byName.stdout)
  }

  @Test func anUnknownRunIsAUsageErrorNamingIt() async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(
      ["compare", "runs", "--runs", "baseline,no-such-run"], in: fixture.root)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("no-such-run"))
  }
}
