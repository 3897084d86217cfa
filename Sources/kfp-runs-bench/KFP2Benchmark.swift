import Dispatch
import Foundation
import KFPTestServer
import RunsCore
import RunsData

/// A KFP 2.x server's runs with their metrics: `kfp-runs list URL --all-metrics` (the binary,
/// as a child process) against the KFP v2 UI's own way to the same metrics, alternating, on
/// the test server (`Tests/Peers/kfp2_server.py --bench-runs N --bench-only`: the real ML
/// Metadata store, N runs of three tasks each).
///
/// The baseline runs in this process: the same v2beta1 run listing (`KFPServerSource` without
/// a metrics reader), then for each run, one after another, the UI's four MLMD calls
/// (`MLMDClient.uiSequence`: GetContextByTypeAndName, GetExecutionsByContext,
/// GetArtifactsByContext, GetEventsByExecutionIDs) and the metrics extracted from them. It
/// pays no process start and no output, so the ratio is, if anything, in its favour.
/// Requests are counted by the server.
struct KFP2Benchmark {
  struct Result {
    var runs: Int
    var rounds: Int
    /// What the server adds to each MLMD call (a remote server's latency).
    var delayMilliseconds: Int
    var listSeconds: Double
    var uiSeconds: Double
    /// MLMD requests per run, and REST requests in all, of one `list`.
    var listMLMDPerRun: Double
    var listREST: Int
    var uiMLMDPerRun: Double
    var uiREST: Int
    var ratio: Double { listSeconds / uiSeconds }
  }

  let binary: String
  let runs: Int
  let rounds: Int
  let delayMilliseconds: Int

  /// Why the benchmark cannot run here, or `nil`.
  static var unavailableReason: String? {
    FileManager.default.isExecutableFile(atPath: KFP2Peer.python)
      ? nil : "skipped: run scripts/python-venvs (no \(KFP2Peer.python))"
  }

  /// Each run of the server has three tasks, each logging `score` and `step`.
  private var metricsPerRun: Int { 6 }

  func run() throws -> Result {
    let peer = try KFP2Peer(
      arguments: [
        "--bench-runs", String(runs), "--bench-only", "--delay-ms", String(delayMilliseconds),
      ])
    let url = peer.baseURL.absoluteString
    let list = [binary, "list", url, "--all-metrics"]
    try checkList(url)
    _ = try uiSequence(url)  // warm both
    var listTimes: [Double] = []
    var uiTimes: [Double] = []
    var listCounts = (mlmd: 0, rest: 0)
    var uiCounts = (mlmd: 0, rest: 0)
    for round in 0..<rounds {
      for isList in round % 2 == 0 ? [true, false] : [false, true] {
        peer.reset()
        if isList {
          guard let outcome = ChildProcess.run(list), outcome.status == 0 else {
            throw BenchFailure(description: "this command failed: \(list.joined(separator: " "))")
          }
          listTimes.append(outcome.seconds)
        } else {
          let (seconds, metrics) = try uiSequence(url)
          guard metrics == runs * metricsPerRun else {
            throw BenchFailure(
              description: "the UI's sequence found \(metrics) metrics, not \(runs * metricsPerRun)"
            )
          }
          uiTimes.append(seconds)
        }
        let stats = peer.stats()
        let counts = (stats.mlmd.values.reduce(0, +), stats.rest)
        if isList { listCounts = counts } else { uiCounts = counts }
      }
    }
    return Result(
      runs: runs, rounds: rounds, delayMilliseconds: delayMilliseconds,
      listSeconds: median(listTimes), uiSeconds: median(uiTimes),
      listMLMDPerRun: Double(listCounts.mlmd) / Double(runs), listREST: listCounts.rest,
      uiMLMDPerRun: Double(uiCounts.mlmd) / Double(runs), uiREST: uiCounts.rest)
  }

  /// Checks that `list` shows every run with its metrics (columns by metric name: `score` and
  /// `step`), so the benchmark never times a listing that lost them.
  private func checkList(_ url: String) throws {
    let command = [binary, "list", url, "--all-metrics", "--format", "csv"]
    guard let csv = ChildProcess.output(command) else {
      throw BenchFailure(description: "this command failed: \(command.joined(separator: " "))")
    }
    let lines = csv.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    guard let header = lines.first, lines.count == runs + 1 else {
      throw BenchFailure(description: "list shows \(max(0, lines.count - 1)) runs, not \(runs)")
    }
    let metricColumns = header.indices.filter { ["score", "step"].contains(header[$0]) }
    let filled = lines.dropFirst().reduce(0) { sum, row in
      sum + metricColumns.filter { $0 < row.count && !row[$0].isEmpty }.count
    }
    guard metricColumns.count == 2, filled == runs * 2 else {
      throw BenchFailure(
        description: "list shows \(filled) values in \(metricColumns.count) metric columns, "
          + "not \(runs * 2) in 2")
    }
  }

  /// The baseline once: its seconds and the metrics it found. The HTTP client is shut down
  /// after it (untimed), so each round opens its connections anew, as the child process does.
  private func uiSequence(_ url: String) throws -> (seconds: Double, metrics: Int) {
    try waitFor {
      let base = URL(string: url)!
      let transport = HTTPClientTransport()
      let start = Stopwatch.now()
      let listed = await KFPServerSource(
        options: KFPServerOptions(baseURL: base), transport: transport
      ).load()
      let mlmd = MLMDClient(endpoint: base, transport: transport, headers: [:])
      var metrics = 0
      for run in listed.runs {
        metrics += try await mlmd.uiSequence(runID: run.id)?.metrics.count ?? 0
      }
      let seconds = Double(Stopwatch.now() - start) / 1e9
      await SharedHTTPClient.shutdown()
      guard listed.runs.count == runs else {
        throw BenchFailure(description: "the listing found \(listed.runs.count) runs, not \(runs)")
      }
      return (seconds, metrics)
    }
  }
}

/// Runs `body` on the cooperative pool and blocks this (main, not pool) thread until it ends:
/// the benchmark's steps are sequential.
func waitFor<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) throws
  -> Value
{
  let box = ResultBox<Value>()
  let done = DispatchSemaphore(value: 0)
  Task {
    do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
    done.signal()
  }
  done.wait()
  return try box.result!.get()
}

/// Where a task leaves its result for the thread waiting on it (written before the signal,
/// read after the wait).
private final class ResultBox<Value>: @unchecked Sendable {
  var result: Result<Value, any Error>?
}
