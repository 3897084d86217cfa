import Foundation
import KFPTestServer

/// The application on a KFP 2.x server: how long after the server sent the first page of runs
/// they are on screen (before their metrics), and when all metrics are in.
///
/// The server (`kfp2_server.py`) notes when it finished writing each page of
/// `/apis/v2beta1/runs` on `CLOCK_MONOTONIC`, the clock `Stopwatch` reads; the benchmark polls
/// a 160×40 tmux window until a run's name shows. So the figure includes the page's way to the
/// client, tmux relaying the frame and one poll of `capture-pane` (a few ms): an upper bound.
struct KFP2FirstScreenBenchmark {
  struct Result {
    var runs: Int
    var rounds: Int
    /// Median milliseconds from the first page sent to a run on screen.
    var firstScreenMilliseconds: Double
    /// Median seconds from starting the application to the last `metrics N of M runs`.
    var metricsSeconds: Double?
  }

  let binary: String
  let runs: Int
  let rounds: Int
  private var tmux: Tmux { Tmux(socket: "kfp-runs-bench-\(getpid())-kfp2") }

  func run() throws -> Result {
    let peer = try KFP2Peer(arguments: ["--bench-runs", String(runs), "--bench-only"])
    try tmux.start()
    defer { tmux.stop() }
    let command =
      "exec "
      + [binary, peer.baseURL.absoluteString].map(Tmux.shellQuoted)
      .joined(separator: " ")
    var firstScreens: [Double] = []
    var metrics: [Double] = []
    for round in 0...rounds {
      peer.reset()
      let window = "kfp2-\(round)"
      let start = Stopwatch.now()
      try tmux.run(["new-window", "-d", "-n", window, "-t", "bench", command])
      guard let shown = waitFor(window, limit: 20, until: { $0.contains(/bench \d+/) }) else {
        throw BenchFailure(description: "no run on screen within 20 s from: \(command)")
      }
      guard let firstPage = peer.runsPageTimes().first, firstPage < shown.time else {
        throw BenchFailure(description: "the server sent no page of runs before they showed")
      }
      let done = waitFor(window, limit: 60) {
        !FirstFrameBenchmark.showsLoading($0) && !$0.contains(/metrics \d+ of \d+ runs/)
      }
      try tmux.run(["kill-window", "-t", "bench:" + window])
      if shown.text.contains("Pane is dead") {
        throw BenchFailure(description: "the application exited:\n\(shown.text)")
      }
      // Round 0 only warms the page cache.
      guard round > 0 else { continue }
      firstScreens.append(Double(shown.time - firstPage) / 1e6)
      if let done { metrics.append(Double(done.time - start) / 1e9) }
    }
    return Result(
      runs: runs, rounds: rounds, firstScreenMilliseconds: median(firstScreens),
      metricsSeconds: metrics.count == rounds ? median(metrics) : nil)
  }

  /// Polls `window` until `done` holds for its text: when (monotonic nanoseconds) and the
  /// text; `nil` after `limit` seconds.
  private func waitFor(_ window: String, limit: Double, until done: (String) -> Bool)
    -> (time: UInt64, text: String)?
  {
    let deadline = Stopwatch.now() + UInt64(limit * 1e9)
    while Stopwatch.now() < deadline {
      if let text = tmux.capture(window), done(text) { return (Stopwatch.now(), text) }
    }
    return nil
  }
}
