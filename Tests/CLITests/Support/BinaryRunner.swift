import Foundation

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

  /// Runs `kfp-runs arguments…` in `directory` with a clean environment: `TZ=UTC` (start times
  /// are local time), a UTF-8 locale, `HOME` in the fixture (no kfp context file), no KFP
  /// variables unless `environment` adds them. Stdout and stderr go to files, so a large output
  /// cannot block the child.
  static func run(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:]
  ) throws -> Invocation {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = [
      "TZ": "UTC", "LANG": "C.UTF-8", "HOME": directory.path,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    env.merge(environment) { $1 }
    process.environment = env
    let outURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
    let errURL = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
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
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Invocation(
      arguments: arguments, status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }
}
