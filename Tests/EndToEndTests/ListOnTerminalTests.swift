import Foundation
import Testing

/// `kfp-runs list` on a terminal fits its width as the application does (Pipeline, Experiment,
/// Duration left out, then names shortened in the middle); piped, it keeps every column.
@Suite(.serialized) struct ListOnTerminalTests {
  @Test func listFitsANarrowTerminal() async throws {
    let directory = FileManager.default.temporaryDirectory
    let session = try TmuxSession(["list", "--demo"], in: directory, width: 100, height: 60)
    defer { session.close() }
    #expect(try await session.waitForExit() == 0)
    let lines = try session.screen().split(separator: "\n").map(String.init)
    let header = try #require(lines.first { $0.hasPrefix("Run name") })
    #expect(!header.contains("Pipeline"))
    #expect(!header.contains("Experiment"))
    #expect(header.contains("accuracy-score"))
    // Every table line fits: none spills onto the next line.
    let table = lines.prefix { !$0.hasPrefix("⚠") }
    // The header and one line for each of the 39 demo runs.
    #expect(table.count == 40, "\(lines.joined(separator: "\n"))")
    #expect(table.allSatisfy { $0.count <= 100 })
    // The long name keeps its end, which tells it apart.
    #expect(table.contains { $0.contains("…") && $0.contains("0404-2336") })
  }

  @Test func aWideTerminalKeepsEveryColumn() async throws {
    let directory = FileManager.default.temporaryDirectory
    let session = try TmuxSession(["list", "--demo"], in: directory, width: 220, height: 60)
    defer { session.close() }
    #expect(try await session.waitForExit() == 0)
    let header = try #require(
      try session.screen().split(separator: "\n").first { $0.hasPrefix("Run name") })
    #expect(header.contains("Pipeline") && header.contains("Experiment"))
  }
}
