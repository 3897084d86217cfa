import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard output and error that cannot take what the binary writes: a full disk, a closed
/// descriptor, a reader that went away, a non-blocking pipe. The binary never crashes: a cut
/// short output ends with one line on stderr and status 1, a reader that left with the status
/// of SIGPIPE and no message, a slow reader gets everything.
@Suite struct HostileOutputTests {
  /// A folder holding `runs.json`: enough runs that `list --format csv` fills a pipe many times.
  final class BigSource {
    let root: URL
    init(runs: Int = 3_000) throws {
      root = FileManager.default.temporaryDirectory
        .appendingPathComponent("kfp-runs-output-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
      let padding = String(repeating: "x", count: 80)
      let items = (0..<runs).map { #"{"id":"run-\#($0)","name":"name-\#($0)-\#(padding)"}"# }
      try Data(#"{"runs":[\#(items.joined(separator: ","))]}"#.utf8)
        .write(to: root.appendingPathComponent("runs.json"))
    }
    deinit { try? FileManager.default.removeItem(at: root) }
  }

  /// Runs `script` with `sh -c`, the binary as `$0`, in `directory`; status and stderr.
  static func shell(_ script: String, in directory: URL) async throws -> (
    status: Int32, stderr: String
  ) {
    try await onOwnThread { try blockingShell(script, in: directory) }
  }

  private static func blockingShell(_ script: String, in directory: URL) throws -> (
    status: Int32, stderr: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script, BinaryRunner.binary.path]
    process.currentDirectoryURL = directory
    process.environment = ["LANG": "C.UTF-8", "HOME": directory.path, "TZ": "UTC"]
    let errors = Pipe()
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
  }

  static let cannotWrite = "kfp-runs: error: cannot write the output: "

  @Test(arguments: [
    ("\"$0\" list --demo > /dev/full", "No space left on device"),
    ("\"$0\" list --demo --format csv > /dev/full", "No space left on device"),
    ("\"$0\" compare --demo > /dev/full", "No space left on device"),
    ("\"$0\" check . > /dev/full", "No space left on device"),
    ("\"$0\" --help > /dev/full", "No space left on device"),
    ("\"$0\" list --help > /dev/full", "No space left on device"),
    ("\"$0\" list --demo >&-", "Bad file descriptor"),
    ("\"$0\" --demo >&-", "Bad file descriptor"),
  ])
  func aStdoutThatFailsIsOneLineAndStatusOne(script: String, reason: String) async throws {
    let source = try BigSource(runs: 1)
    let result = try await Self.shell(script, in: source.root)
    #expect(result.status == 1, "\(script): \(result.stderr)")
    #expect(
      result.stderr.hasSuffix(Self.cannotWrite + reason + "\n"), "\(script): \(result.stderr)")
    #expect(!result.stderr.contains("Fatal error"), "\(script): \(result.stderr)")
  }

  /// With stderr unusable there is nowhere to explain: the status says it (the demo's problems
  /// go to stderr, as does a usage error).
  @Test(arguments: [
    "\"$0\" list --demo 2>/dev/full >/dev/null; echo $? >status",
    "\"$0\" list --demo 2>&- >/dev/null; echo $? >status",
    "\"$0\" list --demo --sort no-such 2>&- >/dev/null; echo $? >status",
    "\"$0\" list --no-such-flag 2>/dev/full; echo $? >status",
  ])
  func aStderrThatFailsEndsWithAFailureStatus(script: String) async throws {
    let source = try BigSource(runs: 1)
    _ = try await Self.shell(script, in: source.root)
    let status = try String(
      contentsOf: source.root.appendingPathComponent("status"), encoding: .utf8)
    #expect(status == "1\n", "\(script)")
  }

  /// A parent that ignores SIGPIPE (`trap '' PIPE`, many process supervisors): the write fails
  /// with EPIPE; the binary stops quietly with the status SIGPIPE would have given it.
  @Test func aReaderThatLeavesIsAQuietExit() async throws {
    let source = try BigSource()
    let script =
      "trap '' PIPE; { \"$0\" list runs.json --format csv; echo $? >status; } | head -1 >first"
    let result = try await Self.shell(script, in: source.root)
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    let status = try String(
      contentsOf: source.root.appendingPathComponent("status"), encoding: .utf8)
    #expect(status == "141\n")
    let first = try String(contentsOf: source.root.appendingPathComponent("first"), encoding: .utf8)
    #expect(first.hasPrefix("id,name,"))
  }

  /// A non-blocking pipe (what Node.js gives a child) read slowly: every write meets EAGAIN
  /// at times; the output arrives whole.
  @Test func aNonBlockingPipeWithASlowReaderGetsEverything() throws {
    let source = try BigSource()
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
    let process = Process()
    process.executableURL = BinaryRunner.binary
    process.arguments = ["list", "runs.json", "--format", "csv"]
    process.currentDirectoryURL = source.root
    process.environment = ["LANG": "C.UTF-8", "HOME": source.root.path, "TZ": "UTC"]
    process.standardOutput = FileHandle(fileDescriptor: ends[1], closeOnDealloc: false)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    close(ends[1])
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 8192)
    while true {
      let count = read(ends[0], &chunk, chunk.count)
      if count <= 0 { break }
      output += chunk[0..<count]
      usleep(2_000)
    }
    close(ends[0])
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 3_001)
    #expect(output.count > 200_000)
  }
}
