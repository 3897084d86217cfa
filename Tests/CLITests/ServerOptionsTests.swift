import Testing

/// The server options are declared once: every command that reads a source lists them alike
/// and checks them alike.
@Suite struct ServerOptionsTests {
  static let commands = ["browse", "list", "compare", "plot", "watch"]
  static let options = [
    "--namespace <namespace>", "--token <token>", "--cookie <cookie>", "--insecure",
    "--ca-cert <file>", "--api <v1|v2|auto>", "--mlmd <url>",
  ]

  /// The same options, in the same order, with the same help (the token is never printed).
  @Test(arguments: commands)
  func helpListsTheServerOptions(command: String) async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run([command, "--help"], in: fixture.root)
    #expect(result.status == 0)
    let positions = Self.options.map { result.stdout.range(of: "  \($0) ")?.lowerBound }
    #expect(!positions.contains(nil), "\(result.stdout)")
    let found = positions.compactMap { $0 }
    #expect(found == found.sorted(), "\(result.stdout)")
    #expect(result.stdout.contains("Never printed."))
    #expect(result.stdout.contains("other users of the machine see a --cookie value in"))
  }

  @Test(arguments: commands)
  func aBadMLMDAddressIsBadUsage(command: String) async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(
      [command, "runs", "--mlmd", "ftp://metadata"], in: fixture.root)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.contains("--mlmd must be an http:// or https:// URL (got ftp://metadata)"))
  }
}
