import Foundation
import KFPTestServer
import Testing

/// The binary against servers that cut the connection, speak HTTPS with a private CA, or sit on
/// an IPv6 literal: a clear message and exit 3, or the runs.
@Suite struct ServerTransportCLITests {
  static let token = "transport-cli-secret"

  static func server(ipv6: Bool = false) throws -> KFPTestServer {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    options.token = token
    options.ipv6 = ipv6
    return try KFPTestServer(options)
  }

  /// A dying `kubectl port-forward` sends the status line and closes; FoundationNetworking
  /// crashed on that (`fatalError("Transfer completed, but there's no response.")`).
  @Test func aConnectionClosedInsideTheHeadersIsExit3NotACrash() async throws {
    var options = KFPTestServer.Options()
    options.intercept = { _ in .raw("HTTP/1.1 200 OK\r\n") }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let fixture = try Fixture()
    let result = try await BinaryRunner.runRaw(
      ["list", server.baseURL.absoluteString], in: fixture.root, deadline: 60)
    #expect(result.status == 3, "\(result.text)")
    let stderr = String(decoding: result.stderr, as: UTF8.self)
    #expect(stderr.contains("broke before the answer was complete"), "\(stderr)")
    #expect(stderr.contains("tried 3 times"), "\(stderr)")
    #expect(!stderr.contains("Fatal error") && !stderr.contains("Backtrace"), "\(stderr)")
  }

  @Test func anIPv6LiteralURLListsTheRuns() async throws {
    let server = try Self.server(ipv6: true)
    defer { server.stop() }
    let fixture = try Fixture()
    #expect(server.baseURL.absoluteString.hasPrefix("http://[::1]:"))
    let result = try await BinaryRunner.run(
      ["list", server.baseURL.absoluteString, "--format", "csv", "--token", Self.token],
      in: fixture.root)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.split(separator: "\n").count == 4, "\(result.stdout)")
  }

  @Test func aCACertThatCannotBeReadIsBadUsage() async throws {
    let fixture = try Fixture()
    let missing = fixture.root.appendingPathComponent("missing-ca.pem").path
    let result = try await BinaryRunner.run(
      ["list", "https://localhost:1", "--ca-cert", missing], in: fixture.root)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("--ca-cert"))
    #expect(result.stderr.contains("missing-ca.pem cannot be opened"), "\(result.stderr)")
  }

  @Test func aCACertForADirectoryIsIgnoredWithAWarning() async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(
      ["list", "clean", "--ca-cert", "nowhere.pem"], in: fixture.root)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("--ca-cert applies only to a KFP server"), "\(result.stderr)")
  }
}

/// `list` over HTTPS with a test CA (skipped without python3 and openssl).
@Suite(.enabled(if: TLSFront.isAvailable))
struct ServerTLSCLITests {
  func run(_ extra: [String]) async throws -> (Invocation, KFPTestServer) {
    let server = try ServerTransportCLITests.server()
    let front = try TLSFront(backendPort: server.port)
    defer { front.stop() }
    let fixture = try Fixture()
    let token = ServerTransportCLITests.token
    let result = try await BinaryRunner.run(
      ["list", front.baseURL.absoluteString, "--format", "csv", "--token", token]
        + extra.map { $0 == "$CA" ? front.caCertificate : $0 },
      in: fixture.root)
    #expect(!result.stdout.contains(token) && !result.stderr.contains(token))
    return (result, server)
  }

  @Test func aPrivateCAIsRefusedByDefaultWithExit3NamingCACert() async throws {
    let (result, server) = try await run([])
    defer { server.stop() }
    #expect(result.status == 3, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("TLS with localhost failed"), "\(result.stderr)")
    #expect(result.stderr.contains("--ca-cert FILE"), "\(result.stderr)")
    #expect(server.requests.isEmpty)
  }

  @Test func caCertTrustsThePrivateCA() async throws {
    let (result, server) = try await run(["--ca-cert", "$CA"])
    defer { server.stop() }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.split(separator: "\n").count == 4, "\(result.stdout)")
  }

  @Test func insecureSkipsVerification() async throws {
    let (result, server) = try await run(["--insecure"])
    defer { server.stop() }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.split(separator: "\n").count == 4, "\(result.stdout)")
  }
}
