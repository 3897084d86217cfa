import Foundation
import TestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What one run of the `kfp-runs` binary printed and how it exited.
struct Invocation {
  var arguments: [String]
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs the built `kfp-runs` binary, which SwiftPM puts beside the test bundle.
enum BinaryRunner {
  /// The binary in the build products folder.
  static var binary: URL {
    Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("kfp-runs")
  }

  /// Runs `kfp-runs arguments…` in `directory` with a clean environment (see ``runRaw``) and
  /// decodes what it printed as text.
  static func run(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:]
  ) async throws -> Invocation {
    let raw = try await runRaw(arguments, in: directory, environment: environment, deadline: 300)
    return Invocation(
      arguments: arguments, status: raw.status ?? -1,
      stdout: String(decoding: raw.stdout, as: UTF8.self),
      stderr: String(decoding: raw.stderr, as: UTF8.self))
  }

  /// Runs `kfp-runs arguments…` in `directory` with a clean environment: `TZ=UTC` (start times
  /// are local time), a UTF-8 locale, `HOME` in the fixture (no kfp context file), no KFP
  /// variables unless `environment` adds them. Stdout and stderr go to files, so a large output
  /// cannot block the child. The raw bytes are kept, so that a lone C1 byte such as 0x9B, which
  /// decoding to a `String` would hide, is seen; past `deadline` seconds the child is killed, so
  /// a hang fails the test instead of stalling the suite.
  static func runRaw(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:],
    deadline: Double = 60
  ) async throws -> RawInvocation {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = [
      "TZ": "UTC", "LANG": "C.UTF-8", "HOME": directory.path,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    // A sanitized build of the binary reads its sanitizer's options from here (see
    // scripts/sanitizers.sh): keep them, or a third-party leak at exit changes the status.
    for name in ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "SWIFT_BACKTRACE"] {
      env[name] = ProcessInfo.processInfo.environment[name]
    }
    // The script checks the binary for leaks but not this test runner (whose leaks at exit are
    // Foundation's): the binary's own AddressSanitizer options, when given, win.
    if let options = ProcessInfo.processInfo.environment["KFP_RUNS_CHILD_ASAN_OPTIONS"] {
      env["ASAN_OPTIONS"] = options
    }
    env.merge(environment) { $1 }
    process.environment = env
    let id = UUID().uuidString
    let outURL = directory.appendingPathComponent(".stdout-\(id)")
    let errURL = directory.appendingPathComponent(".stderr-\(id)")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let exited = Latch()
    process.terminationHandler = { _ in exited.fire() }
    let start = Date()
    try process.run()
    let finished = await exited.wait(seconds: deadline)
    if !finished {
      // SIGKILL: SIGTERM may be blocked in a child spawned from a pool thread.
      kill(process.processIdentifier, SIGKILL)
      _ = await exited.wait(seconds: 10)
    }
    let seconds = Date().timeIntervalSince(start)
    try out.close()
    try err.close()
    return RawInvocation(
      arguments: arguments, status: finished ? process.terminationStatus : nil,
      stdout: [UInt8](try Data(contentsOf: outURL)), stderr: [UInt8](try Data(contentsOf: errURL)),
      seconds: seconds)
  }

}

/// What one run of the binary wrote, byte for byte, and how it ended.
struct RawInvocation {
  var arguments: [String]
  /// `nil` when the binary was still running at the deadline (it was then terminated).
  var status: Int32?
  var stdout: [UInt8]
  var stderr: [UInt8]
  var seconds: Double

  /// Both streams as text, for messages.
  var text: String {
    "\(arguments) exited \(status.map(String.init) ?? "never"):\n"
      + String(decoding: stdout.prefix(2000), as: UTF8.self) + "\n"
      + String(decoding: stderr.prefix(2000), as: UTF8.self)
  }
}

/// Runs the `kfp-runs` binary (the one ``BinaryRunner`` runs) keeping the raw bytes of its output,
/// so that a lone C1 byte such as 0x9B, which decoding to a `String` would hide, is seen; and
/// with a deadline, so that a hang fails the test instead of stalling the suite.
