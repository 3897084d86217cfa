import Foundation
import Testing

/// `LINES` and `COLUMNS` exported by a shell long ago (or set to anything) say nothing about
/// the terminal in use: the screen follows the terminal's own size.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux"))
struct StaleSizeTests {
  @Test(arguments: [("20000", "20000"), ("5", "10")])
  func staleLinesAndColumnsAreIgnored(lines: String, columns: String) async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession(
      [tree.root.path], in: tree.root, width: 100, height: 30,
      environment: ["LINES": lines, "COLUMNS": columns])
    defer { session.close() }
    let screen = try await session.waitFor("run-alpha")
    let rows = screen.components(separatedBy: "\n")
    // The header on the first row, the status bar on the last of the terminal's 30.
    #expect(rows.first?.contains("Run name") == true, "\(screen)")
    #expect(rows.count >= 30 && rows[29].contains("4 runs"), "\(screen)")
    try session.send("q")
    #expect(try await session.waitForExit() == 0)
  }
}
