import Foundation
import KFPTestServer
import Testing

/// `kfp-runs list` and `compare` against a KFP API server on 127.0.0.1.
@Suite struct ServerGoldenTests {
  static let token = "t0ken-that-must-never-show"

  /// Three runs in two experiments; the server wants the token.
  static func server(servesV2: Bool = false) throws -> KFPTestServer {
    let day = 1_767_225_600  // 2026-01-01T00:00:00Z
    var options = KFPTestServer.Options(
      runs: [
        TestRun(
          id: "srv-1", name: "first", createdAt: day, finishedAt: day + 95,
          experimentID: "e-1", experimentName: "mnist", pipelineName: "train",
          parameters: [("lr", "0.1")],
          metrics: [
            .init(name: "accuracy", nodeID: "train-1", value: 0.875, format: "PERCENTAGE"),
            .init(name: "loss", nodeID: "train-1", value: 0.3125, format: "RAW"),
          ]),
        TestRun(
          id: "srv-2", name: "second", status: "Running", createdAt: day + 3600,
          experimentID: "e-1", experimentName: "mnist", pipelineName: "train",
          metrics: [.init(name: "accuracy", nodeID: "train-2", value: 0.9, format: "PERCENTAGE")]),
        TestRun(
          id: "srv-3", name: "other", status: "Failed", createdAt: day + 7200,
          finishedAt: day + 7300, experimentID: "e-2", experimentName: "fashion",
          metrics: [.init(name: "loss", nodeID: "eval", value: 1.25)]),
      ],
      experiments: [
        TestExperiment(id: "e-1", name: "mnist"), TestExperiment(id: "e-2", name: "fashion"),
      ])
    options.token = token
    options.servesV2 = servesV2
    return try KFPTestServer(options)
  }

  @Test(arguments: [
    ("server-list", ["list", "--token", token]),
    ("server-list-csv", ["list", "--format", "csv", "--sort", "loss", "--token", token]),
    ("server-experiment", ["list", "--experiment", "mnist", "--token", token]),
    ("server-compare", ["compare", "--runs", "first,srv-3", "--token", token]),
  ])
  func serverOutputMatchesGolden(name: String, arguments: [String]) async throws {
    let server = try Self.server()
    defer { server.stop() }
    let fixture = try Fixture()
    fixture.masks = [(server.baseURL.absoluteString, "$SERVER"), (Self.token, "$TOKEN")]
    let withURL = [arguments[0], server.baseURL.absoluteString] + arguments.dropFirst()
    let result = try await BinaryRunner.run(withURL, in: fixture.root)
    #expect(!result.stdout.contains(Self.token) && !result.stderr.contains(Self.token))
    Golden.check(result, fixture: fixture, name: name)
  }

  /// The same runs from a KFP 2.x server: v2beta1 by default, v1beta1 with `--api v1`.
  @Test(arguments: [
    ("server-v2-list", ["list", "--token", token, "--params"]),
    ("server-v2-experiment", ["list", "--experiment", "mnist", "--token", token]),
    ("server-v2-api-v1", ["list", "--api", "v1", "--token", token]),
  ])
  func v2ServerOutputMatchesGolden(name: String, arguments: [String]) async throws {
    let server = try Self.server(servesV2: true)
    defer { server.stop() }
    let fixture = try Fixture()
    fixture.masks = [(server.baseURL.absoluteString, "$SERVER"), (Self.token, "$TOKEN")]
    let withURL = [arguments[0], server.baseURL.absoluteString] + arguments.dropFirst()
    let result = try await BinaryRunner.run(withURL, in: fixture.root)
    Golden.check(result, fixture: fixture, name: name)
  }

  @Test func theTokenComesFromKFPTokenToo() async throws {
    let server = try Self.server()
    defer { server.stop() }
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(
      ["list", server.baseURL.absoluteString, "--format", "csv"], in: fixture.root,
      environment: ["KFP_TOKEN": Self.token])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.split(separator: "\n").count == 4)
    #expect(server.requests.allSatisfy { $0.headers["authorization"] == "Bearer \(Self.token)" })
  }

  @Test func aRefusedTokenExitsWith3NamingTheFlagButNotTheToken() async throws {
    let server = try Self.server()
    defer { server.stop() }
    let fixture = try Fixture()
    let wrong = "wrong-secret-value"
    let result = try await BinaryRunner.run(
      ["list", server.baseURL.absoluteString, "--token", wrong], in: fixture.root)
    #expect(result.status == 3)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("--token") || result.stderr.contains("KFP_TOKEN"))
    #expect(!result.stderr.contains(wrong))
  }

  @Test func withoutATerminalBrowseListsTheServersRuns() async throws {
    let server = try Self.server()
    defer { server.stop() }
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(
      [], in: fixture.root,
      environment: [
        "KF_PIPELINES_ENDPOINT": server.baseURL.absoluteString, "KFP_TOKEN": Self.token,
      ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("first") && result.stdout.contains("other"))
  }
}
