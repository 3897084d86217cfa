import Foundation
import KFPTestServer
import Testing

/// The application on a KFP 2.x server (`Tests/Peers/kfp2_server.py`: the real ML Metadata
/// store behind gRPC-web, v2beta1 REST): v2 runs show with metric columns once their metrics
/// are in, and a run's details name each metric's `<task> > <output>`.
@Suite(
  .serialized,
  .enabled(if: TmuxSession.available && KFP2Peer.enabled, "needs tmux and .venv/mlmd"))
struct KFP2InTmuxTests {
  @Test func v2RunsShowWithMetricColumnsAndNodes() async throws {
    let peer = try KFP2Peer()
    let directory = FileManager.default.temporaryDirectory
    let session = try TmuxSession(
      [peer.baseURL.absoluteString], in: directory, width: 160, height: 20)
    defer { session.close() }
    // Metrics arrive after the runs: wait until they are all in.
    let table = try await session.waitUntil("the runs with their metrics", timeout: 60) {
      $0.contains("train-eval") && $0.contains("epochs") && !$0.contains(/metrics \d+ of \d+ runs/)
        && !$0.contains("loading")
    }
    let lines = table.split(separator: "\n").map(String.init)
    let header = try #require(lines.first { $0.contains("Run name") }, "\(table)")
    // The three metrics most runs have.
    for column in ["accuracy", "converged", "epochs"] {
      #expect(header.contains(column), "\(table)")
    }
    let trainEval = try #require(lines.first { $0.contains("train-eval") })
    // The store keeps doubles as sqlite reads them back (0.95); the SDK's bool is an int; `⁺`:
    // two tasks logged accuracy.
    #expect(trainEval.contains(/0\.95⁺\s+1\s+12/), "\(table)")
    let cached = try #require(lines.first { $0.contains("cached") })
    #expect(cached.contains(/0\.95\s+1\s+12/), "a cached task's metrics count: \(table)")
    #expect(peer.stats().mlmd.values.reduce(0, +) > 0)

    // The oldest run is at the bottom; its details list each task's metrics output.
    try session.send("G")
    try session.send("Enter")
    let details = try await session.waitFor("train > metrics")
    #expect(details.contains("evaluate > eval_metrics"), "\(details)")
    #expect(details.contains("train-again > metrics"), "\(details)")
    try session.send("q")
    try session.send("q")
    #expect(try await session.waitForExit() == 0)
    withExtendedLifetime(peer) {}
  }
}
