import Foundation
import Testing

/// Reloads pressed in a row on a large tree: each supersedes the one before at once, so they
/// never pile up whole-tree reads. Measured in processor time, which a busy machine does not
/// inflate the way it inflates wall time.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux"))
struct ReloadTests {
  @Test func sixtyReloadsCostAboutOneLoad() async throws {
    let runs = (0..<3000).map { index in
      RunTree.RunSpec(
        folder: String(format: "run-%05d", index), metrics: [("loss", Double(index), "RAW")])
    }
    let tree = try RunTree(runs)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    let pid = try await session.pid()
    try await session.waitFor("3000 runs", timeout: 60)
    try await session.waitUntil("the load to finish", timeout: 60) { !$0.contains("load") }
    // Start-up and one whole load.
    let first = try Self.processorSeconds(pid)

    try session.send(contentsOf: Array(repeating: "r", count: 60))
    try await session.waitUntil("the last reload to finish", timeout: 120) {
      $0.contains("3000 runs") && !$0.contains("load")
    }
    // Superseded loads that kept reading would still be burning processor time now.
    let reloads = try await Self.settledProcessorSeconds(pid) - first
    // Unchecked, each superseded load read the whole tree: about sixty loads' time.
    #expect(reloads < 5 * first, "60 reloads took \(reloads) s; start-up and a load \(first) s")
    try session.send("q")
    #expect(try await session.waitForExit() == 0)
  }

  /// The processor time once the process has gone idle: less than 50 ms of it used in half
  /// a second (at most two minutes).
  static func settledProcessorSeconds(_ pid: Int32) async throws -> Double {
    var last = try processorSeconds(pid)
    for _ in 0..<240 {
      try await Task.sleep(nanoseconds: 500_000_000)
      let now = try processorSeconds(pid)
      if now - last < 0.05 { return now }
      last = now
    }
    return last
  }

  /// The processor time (user and system) the process has used so far.
  static func processorSeconds(_ pid: Int32) throws -> Double {
    let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields = stat[stat.index(after: try #require(stat.lastIndex(of: ")")))...]
      .split(separator: " ")
    let ticks = try #require(Double(fields[11])) + (try #require(Double(fields[12])))
    return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
  }
}
