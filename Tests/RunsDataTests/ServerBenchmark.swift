import Foundation
import KFPTestServer
import RunsCore
import RunsData
import Testing

/// Loading 2,000 runs from the local test server, against curl fetching the same pages.
///
/// A measurement, not a timed test: it runs only with `KFP_RUNS_BENCH=1` and prints its figures.
/// With `KFP_RUNS_BINARY=path/to/kfp-runs` it also times `kfp-runs list URL --format csv
/// --all-metrics` against the same server.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KFP_RUNS_BENCH"] != nil))
struct ServerBenchmark {
  @Test func twoThousandRuns() async throws {
    let server = try KFPTestServer(.init(runs: TestRun.samples(count: 2000)))
    defer { server.stop() }
    let options = KFPServerOptions(baseURL: server.baseURL)

    let started = Date()
    let result = await KFPServerSource(options: options).load()
    let sourceSeconds = Date().timeIntervalSince(started)
    let targets = server.requests.map(\.target)
    #expect(result.runs.count == 2000)
    print(
      "kfp-runs source: \(result.runs.count) runs, \(targets.count) requests, "
        + String(format: "%.3f s", sourceSeconds))

    // The same pages, one curl process (connection reused), bodies discarded.
    var arguments = ["-s", "--fail"]
    for target in targets {
      arguments += ["-o", "/dev/null", "http://127.0.0.1:\(server.port)\(target)"]
    }
    let curl = try time("/usr/bin/curl", arguments)
    print("curl, same \(targets.count) pages: " + curl.text)

    if let binary = ProcessInfo.processInfo.environment["KFP_RUNS_BINARY"] {
      let before = server.requests.count
      let output = NSTemporaryDirectory() + "kfp-runs-bench-\(UUID().uuidString).csv"
      defer { try? FileManager.default.removeItem(atPath: output) }
      let listed = try time(
        binary, ["list", server.baseURL.absoluteString, "--format", "csv", "--all-metrics"],
        output: output)
      let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
      #expect(lines.count == 2001)
      #expect(lines.first?.hasPrefix("id,name,status,experiment,pipeline,created_at") == true)
      print(
        "kfp-runs list --format csv --all-metrics: \(lines.count - 1) rows, "
          + "\(server.requests.count - before) requests, " + listed.text)
      print(lines.prefix(3).joined(separator: "\n"))
    }
  }

  /// Runs a program to completion, its output discarded or written to `output`.
  private func time(_ path: String, _ arguments: [String], output: String? = nil) throws
    -> Timing
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let output {
      _ = FileManager.default.createFile(atPath: output, contents: nil)
      process.standardOutput = FileHandle(forWritingAtPath: output)
    } else {
      process.standardOutput = FileHandle.nullDevice
    }
    let cpuBefore = childCPUSeconds()
    let started = Date()
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return Timing(wall: Date().timeIntervalSince(started), cpu: childCPUSeconds() - cpuBefore)
  }

  /// Wall time and the child's CPU time (user + system), in seconds.
  struct Timing {
    var wall: TimeInterval
    var cpu: TimeInterval
    var text: String { String(format: "%.3f s wall, %.3f s CPU", wall, cpu) }
  }

  /// User plus system CPU seconds of every waited-for child process so far.
  private func childCPUSeconds() -> TimeInterval {
    var usage = rusage()
    #if canImport(Glibc)
      getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    #else
      getrusage(RUSAGE_CHILDREN, &usage)
    #endif
    func seconds(_ value: timeval) -> TimeInterval {
      TimeInterval(value.tv_sec) + TimeInterval(value.tv_usec) / 1_000_000
    }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }
}
