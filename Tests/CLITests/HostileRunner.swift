import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
enum HostileRunner {
  static func run(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:],
    deadline: Double = 60
  ) throws -> RawInvocation {
    let process = Process()
    process.executableURL = BinaryRunner.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = [
      "TZ": "UTC", "LANG": "C.UTF-8", "HOME": directory.path,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    // A sanitized build of the binary reads its sanitizer's options from here (see
    // scripts/sanitizers.sh): keep them, or a leak inside libcurl at exit changes the status.
    for name in ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "SWIFT_BACKTRACE"] {
      env[name] = ProcessInfo.processInfo.environment[name]
    }
    env.merge(environment) { $1 }
    process.environment = env
    let id = UUID().uuidString
    let outURL = directory.appendingPathComponent(".hostile-out-\(id)")
    let errURL = directory.appendingPathComponent(".hostile-err-\(id)")
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
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    let start = Date()
    try process.run()
    let finished = exited.wait(timeout: .now() + deadline) == .success
    if !finished {
      // SIGKILL: SIGTERM may be blocked in a child spawned from a pool thread.
      kill(process.processIdentifier, SIGKILL)
      _ = exited.wait(timeout: .now() + 10)
    }
    let seconds = Date().timeIntervalSince(start)
    try out.close()
    try err.close()
    return RawInvocation(
      arguments: arguments, status: finished ? process.terminationStatus : nil,
      stdout: [UInt8](try Data(contentsOf: outURL)), stderr: [UInt8](try Data(contentsOf: errURL)),
      seconds: seconds)
  }

  /// The first thing in `bytes` that could drive a terminal, described; `nil` when there is none.
  /// Output must be valid UTF-8 (a stray byte ≥ 0x80 may be a C1 control to an 8-bit terminal)
  /// and hold no C0 control but line feed, no DEL, no C1 control and no bidi control.
  static func terminalHazard(in bytes: [UInt8]) -> String? {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return "invalid UTF-8"
    }
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A: continue
      case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let index = text.unicodeScalars.firstIndex(of: scalar)!
        let context = String(text.unicodeScalars[..<index].suffix(60))
        return
          "U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex) after \"\(context)\""
      default: continue
      }
    }
    return nil
  }
}
