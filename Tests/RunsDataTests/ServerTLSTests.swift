import Foundation
import KFPTestServer
import RunsCore
import RunsData
import Testing

/// HTTPS with a private CA: a test CA and server certificate made by openssl, TLS in front of
/// the test server (`TLSFront`); skipped without python3 and openssl.
@Suite(.enabled(if: TLSFront.isAvailable))
struct ServerTLSTests {
  static let token = "tls-secret-token"

  /// The test server with two runs, wanting the token, behind HTTPS.
  func start() throws -> (KFPTestServer, TLSFront) {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 2))
    options.token = Self.token
    let server = try KFPTestServer(options)
    let front = try TLSFront(backendPort: server.port)
    return (server, front)
  }

  func options(_ front: TLSFront, caCertificateFile: String? = nil, insecure: Bool = false)
    -> KFPServerOptions
  {
    var options = testOptions(front.baseURL, token: Self.token)
    options.caCertificateFile = caCertificateFile
    options.insecure = insecure
    return options
  }

  @Test func aPrivateCAIsRefusedByDefaultNamingCACert() async throws {
    let (server, front) = try start()
    defer {
      front.stop()
      server.stop()
    }
    let result = await testSource(options(front)).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("TLS with localhost failed"))
    #expect(failure.message.contains("not signed by a CA kfp-runs trusts"))
    #expect(failure.message.contains("--ca-cert FILE"))
    #expect(failure.message.contains("--insecure"))
    #expect(!texts(result.problems).contains(Self.token))
    #expect(server.requests.isEmpty)
  }

  @Test func theCAFromCACertIsTrusted() async throws {
    let (server, front) = try start()
    defer {
      front.stop()
      server.stop()
    }
    let result = await testSource(options(front, caCertificateFile: front.caCertificate)).load()
    #expect(result.sourceFailure == nil, "\(texts(result.problems))")
    #expect(result.runs.count == 2)
    #expect(server.requests.allSatisfy { $0.header("Authorization") == "Bearer \(Self.token)" })
  }

  @Test func insecureSkipsVerification() async throws {
    let (server, front) = try start()
    defer {
      front.stop()
      server.stop()
    }
    let result = await testSource(options(front, insecure: true)).load()
    #expect(result.sourceFailure == nil, "\(texts(result.problems))")
    #expect(result.runs.count == 2)
  }

  @Test func anotherCAInCACertIsStillRefused() async throws {
    let (server, front) = try start()
    let (otherServer, other) = try start()
    defer {
      for each in [front, other] { each.stop() }
      for each in [server, otherServer] { each.stop() }
    }
    let result = await testSource(options(front, caCertificateFile: other.caCertificate)).load()
    let failure = try #require(result.sourceFailure)
    #expect(
      failure.message.contains("does not chain to the CA in --ca-cert \(other.caCertificate)"))
  }

  @Test func aCAFileThatHoldsNoCertificateIsNamed() throws {
    let directory = NSTemporaryDirectory() + "kfp-runs-ca-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let notPEM = directory + "/ca.pem"
    try "not a certificate\n".write(toFile: notPEM, atomically: true, encoding: .utf8)
    #expect(CACertificateFile.check(notPEM)?.description.contains("does not hold a PEM") == true)
    let missing = directory + "/missing.pem"
    #expect(CACertificateFile.check(missing)?.description.contains("cannot be opened") == true)
    #expect(CACertificateFile.check(directory)?.description.contains("not a regular file") == true)
  }
}
