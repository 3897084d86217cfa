import Foundation
import Testing

/// `kfp-runs DIR --watch` in tmux: a new value with ▲, a new run with `+`, a removed run gone,
/// and the cursor where it was.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux"))
struct WatchTests {
  @Test func theTableFollowsTheDirectory() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    // An hour between scans: within the test only file notifications can bring a change.
    let session = try TmuxSession([tree.root.path, "--watch=3600"], in: tree.root)
    defer { session.close() }
    try await session.waitFor("watching")
    // Keys before the runs have loaded move nothing.
    try await session.waitFor("run-alpha")
    // Newest first: delta, charlie, bravo, alpha. The cursor goes to bravo.
    try session.send("j", "j")
    try await session.waitUntil("the cursor on run-bravo", styled: true) {
      StyledScreen($0).attributes(of: "run-bravo")?.allSatisfy(\.reverse) ?? false
    }

    let file = tree.root.appendingPathComponent("run-alpha/mlpipeline-metrics.json")
    let text =
      #"{"metrics": [{"name": "accuracy", "numberValue": 0.95, "format": "PERCENTAGE"}, "#
      + #"{"name": "loss", "numberValue": 0.3, "format": "RAW"}]}"#
    try Data(text.utf8).write(to: file)
    // Half a second on a quiet machine (the benchmark measures it). A test cannot time that on
    // a machine busy with the whole suite (up to 11 s seen, with or without AddressSanitizer):
    // what it checks is that the change arrives with no scan due and no key pressed.
    let changed = try await session.waitFor("95.000%▲", timeout: 60)
    #expect(changed.contains("1 changed"))

    try tree.add(
      RunTree.RunSpec(folder: "run-echo", metrics: [("accuracy", 0.5, "PERCENTAGE")]))
    try await session.waitFor("+ run-echo", timeout: 60)
    try FileManager.default.removeItem(at: tree.root.appendingPathComponent("run-delta"))
    let final = try await session.waitUntil("run-delta gone", timeout: 60) {
      !$0.contains("run-delta") && $0.contains("1 removed")
    }
    #expect(final.contains("4 runs"))
    let styled = StyledScreen(try session.screenWithStyles())
    #expect(styled.attributes(of: "run-bravo")?.allSatisfy(\.reverse) == true)

    // w pauses: the status bar says so.
    try session.send("w")
    try await session.waitFor("watch paused (w)")
  }

  /// Without `--watch` nothing is watched; `w` reads the source again and follows it.
  @Test func wStartsWatching() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    let first = try await session.waitFor("4 runs")
    #expect(!first.contains("watch"))
    try session.send("w")
    try await session.waitFor("watching")
    try tree.add(
      RunTree.RunSpec(folder: "run-echo", metrics: [("accuracy", 0.5, "PERCENTAGE")]))
    let screen = try await session.waitFor("+ run-echo", timeout: 60)
    #expect(screen.contains("5 runs"))
    try session.send("q")
  }
}
