import Foundation
import Testing

/// Reloads pressed in a row on a large tree: each supersedes the one before at once, so they
/// never pile up whole-tree reads, and `q` still quits at once.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux"))
struct ReloadTests {
  @Test func sixtyReloadsDoNotDelayQuitting() async throws {
    let runs = (0..<3000).map { index in
      RunTree.RunSpec(
        folder: String(format: "run-%05d", index), metrics: [("loss", Double(index), "RAW")])
    }
    let tree = try RunTree(runs)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    try await session.waitFor("3000 runs", timeout: 60)
    try await session.waitUntil("the load to finish", timeout: 60) { !$0.contains("loaded") }
    try session.send(contentsOf: Array(repeating: "r", count: 60))
    let pressed = Date()
    try session.send("q")
    // Sixty whole reads of the tree, one after another, take several times longer.
    let status = try await session.waitForExit(timeout: 60)
    let seconds = Date().timeIntervalSince(pressed)
    #expect(status == 0)
    #expect(seconds < 3, "q took \(seconds) s after 60 reloads")
  }
}
