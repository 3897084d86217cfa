import Testing

/// Exit codes: 2 for bad usage, 3 for a source that cannot be read; help exits 0.
@Suite struct ExitCodeTests {
  @Test(arguments: [
    ["list", "--format", "xml"],
    ["list", "--limit", "0"],
    ["list", "--no-such-option"],
    ["list", "runs", "--sort", "no-such-metric"],
    ["list", "runs", "--sort", ":desc"],
    ["list", "runs", "--metrics", "a", "--all-metrics"],
    ["list", "runs", "--experiment", "no-such-experiment"],
    ["list", "--demo", "runs"],
    ["compare", "runs", "--runs", ","],
  ])
  func badUsageExitsWith2(arguments: [String]) async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(arguments, in: fixture.root)
    #expect(result.status == 2, "\(arguments): \(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(!result.stderr.isEmpty)
  }

  @Test(arguments: [["list", "no-such-dir"], ["compare", "missing.json"], ["no-such-dir"]])
  func aMissingSourceExitsWith3(arguments: [String]) async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(arguments, in: fixture.root)
    #expect(result.status == 3, "\(arguments): \(result.stderr)")
    #expect(result.stderr.contains("no-such-dir") || result.stderr.contains("missing.json"))
  }

  @Test func anUnreachableServerExitsWith3AndNeverShowsTheToken() async throws {
    let fixture = try Fixture()
    let token = "s3cret-token-value"
    let result = try await BinaryRunner.run(
      ["list", "http://127.0.0.1:9/", "--token", token], in: fixture.root)
    #expect(result.status == 3)
    #expect(!result.stderr.isEmpty)
    #expect(!result.stderr.contains(token))
    #expect(!result.stdout.contains(token))
  }

  @Test(arguments: [[], ["browse"], ["list"], ["compare"], ["check"]])
  func helpExitsWith0(subcommand: [String]) async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(subcommand + ["--help"], in: fixture.root)
    #expect(result.status == 0)
    #expect(result.stdout.contains("USAGE: kfp-runs"))
  }
}
