import Foundation
import KFPTestServer
import Testing

/// `kfp-runs watch` on a KFP 2.x server (`Tests/Peers/kfp2_server.py`): runs through v2beta1,
/// their metrics from the real ML Metadata store, changed between polls as KFP's driver and
/// launcher change them.
@Suite(.serialized, .enabled(if: KFP2Peer.enabled, "needs .venv/mlmd (scripts/python-venvs)"))
struct WatchKFP2Tests {
  static let running = "1b4c7e2a-0000-4000-8000-000000000004"
  static let fresh = "1b4c7e2a-0000-4000-8000-000000000006"

  /// Waits up to 30 s for `done` without holding a thread of the cooperative pool.
  private func eventually(_ done: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      if done() { return true }
      try? await Task.sleep(for: .milliseconds(50))
    }
    return done()
  }

  /// Each change is made once the one before it has been printed, so the lines come in one
  /// order: a new run, a metric a running task logs, the run finishing, and the new run's
  /// metric and end, after which no run is running and `--until-done` exits.
  @Test func jsonLinesUntilDone() async throws {
    let peer = try KFP2Peer()
    let fixture = try Fixture()
    fixture.masks = [(peer.baseURL.absoluteString, "$SERVER")]
    let arguments = [
      "watch", peer.baseURL.absoluteString, "--format", "jsonl", "--until-done", "--interval",
      "0.2",
    ]
    let watching = try WatchCommandTests.Watching(arguments, in: fixture.root)
    #expect(await eventually { watching.errors.contains("Ctrl-C ends") }, "\(watching.errors)")
    try peer.addRun(Self.fresh, name: "fresh", state: "RUNNING")
    #expect(await eventually { watching.lines() >= 1 }, "\(watching.output)")
    try peer.task(Self.running, "train", state: "COMPLETE", metrics: ["accuracy": 0.75])
    #expect(await eventually { watching.lines() >= 2 }, "\(watching.output)")
    try peer.setState(Self.running, "SUCCEEDED")
    #expect(await eventually { watching.lines() >= 3 }, "\(watching.output)")
    try peer.task(Self.fresh, "train", state: "COMPLETE", metrics: ["accuracy": 0.5])
    #expect(await eventually { watching.lines() >= 4 }, "\(watching.output)")
    try peer.setState(Self.fresh, "SUCCEEDED")
    #expect(await eventually { !watching.process.isRunning }, "\(watching.output)")
    let status = watching.process.isRunning ? -1 : watching.process.terminationStatus
    #expect(status == 0)
    let stdout = watching.output.replacingOccurrences(
      of: #""time":"[0-9T:Z-]+""#, with: #""time":"$TIME""#, options: .regularExpression)
    let invocation = Invocation(
      arguments: arguments, status: status, stdout: stdout, stderr: watching.errors)
    Golden.check(invocation, fixture: fixture, name: "watch-kfp2-jsonl")
    withExtendedLifetime(peer) {}
  }
}
