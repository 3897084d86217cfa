import Foundation
import KFPTestServer
import RunsCore
import RunsData
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// TLS against `openssl s_server` with a self-signed certificate (skipped without openssl).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct ServerTLSTests {
  @Test func anUntrustedCertificateSaysWhatToDo() async throws {
    let directory = NSTemporaryDirectory() + "kfp-runs-tls-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try await run([
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
      "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem",
    ])
    // Borrow a free port from the kernel, then hand it to openssl.
    let probe = try KFPTestServer(.init())
    let port = probe.port
    probe.stop()
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    server.arguments = [
      "s_server", "-quiet", "-www", "-accept", String(port), "-cert", directory + "/cert.pem",
      "-key", directory + "/key.pem",
    ]
    server.standardOutput = FileHandle.nullDevice
    server.standardError = FileHandle.nullDevice
    try server.run()
    // SIGKILL, not `terminate()`: a child spawned from a pool thread inherits its blocked
    // signals, so SIGTERM would leave `openssl s_server` running after the tests.
    defer {
      kill(server.processIdentifier, SIGKILL)
      server.waitUntilExit()
    }
    try await Task.sleep(nanoseconds: 300_000_000)

    let options = KFPServerOptions.resolve(
      baseURL: URL(string: "https://localhost:\(port)/pipeline")!, token: "tls-secret-token",
      insecure: true, environment: [:], homeDirectory: "/nonexistent",
      serviceAccountTokenPath: "/nonexistent/token")
    let result = await testSource(options).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("TLS with localhost failed"))
    if !URLSessionTransport.canSkipCertificateVerification {
      #expect(failure.message.contains("--insecure cannot skip certificate verification"))
      #expect(failure.message.contains("update-ca-certificates"))
    }
    #expect(!texts(result.problems).contains("tls-secret-token"))
  }

  /// Runs openssl without blocking a thread of the shared pool while it works.
  private func run(_ arguments: [String]) async throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      process.terminationHandler = { _ in continuation.resume() }
      do {
        try process.run()
      } catch {
        process.terminationHandler = nil
        continuation.resume()
      }
    }
  }
}
