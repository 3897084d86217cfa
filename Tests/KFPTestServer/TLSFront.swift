import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// HTTPS in front of a test server: `Tests/Peers/tls_front.py` makes a test CA and a server
/// certificate for localhost, 127.0.0.1 and ::1 with openssl, accepts TLS on 127.0.0.1 and
/// forwards to the backend on 127.0.0.1. Needs `python3` and `openssl` on the PATH.
public final class TLSFront: @unchecked Sendable {
  /// Why the front could not start.
  public struct StartError: Error, CustomStringConvertible {
    public var description: String
  }

  /// The port it accepts TLS on.
  public let port: Int
  /// A folder of its own: `ca.pem` (the CA to trust), `server.pem`, `server.key`.
  public let directory: String
  private let process: Process
  private let input: Pipe

  /// Whether python3 and openssl are there to run it.
  public static var isAvailable: Bool {
    ["python3", "openssl"].allSatisfy { tool in
      (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }
  }

  /// The peer script, found from this file's place in the repository.
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Peers/tls_front.py").path

  /// Makes the certificates and starts forwarding TLS on a new port to `backendPort`.
  public init(backendPort: Int) throws {
    directory = NSTemporaryDirectory() + "kfp-runs-tls-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.script, directory, String(backendPort)]
    input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    // The first line is the port; end of file before it means the script failed.
    var line: [UInt8] = []
    let reader = output.fileHandleForReading
    while !line.contains(10) {
      let chunk = reader.availableData
      if chunk.isEmpty { break }
      line += chunk
    }
    guard let text = String(bytes: line, encoding: .utf8)?.split(separator: "\n").first,
      let port = Int(text)
    else {
      process.waitUntilExit()
      throw StartError(
        description: "tls_front.py did not start (status \(process.terminationStatus))")
    }
    self.port = port
  }

  deinit {
    stop()
  }

  /// The CA certificate a client must trust (PEM).
  public var caCertificate: String { directory + "/ca.pem" }

  /// `https://localhost:PORT`, the name the certificate carries.
  public var baseURL: URL { URL(string: "https://localhost:\(port)")! }

  /// Stops the front (closing its input ends it) and removes the certificates.
  public func stop() {
    if process.isRunning {
      try? input.fileHandleForWriting.close()
      // SIGKILL too: a child spawned from a pool thread may have SIGTERM blocked.
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(atPath: directory)
  }
}
