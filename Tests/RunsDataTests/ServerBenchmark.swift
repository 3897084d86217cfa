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
    let curlSeconds = try time("/usr/bin/curl", arguments)
    print("curl, same \(targets.count) pages: " + String(format: "%.3f s", curlSeconds))

    if let binary = ProcessInfo.processInfo.environment["KFP_RUNS_BINARY"] {
      let before = server.requests.count
      let seconds = try time(
        binary, ["list", server.baseURL.absoluteString, "--format", "csv", "--all-metrics"])
      print(
        "kfp-runs list --format csv --all-metrics: \(server.requests.count - before) requests, "
          + String(format: "%.3f s", seconds))
    }
  }

  /// Runs a program to completion with its output discarded; the wall time in seconds.
  private func time(_ path: String, _ arguments: [String]) throws -> TimeInterval {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    let started = Date()
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return Date().timeIntervalSince(started)
  }
}
