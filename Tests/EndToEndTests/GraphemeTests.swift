import Foundation
import Testing

/// A cluster of several spacing characters that the grid measures as the terminal does (a
/// flag) reaches the terminal whole; a joiner never spills; the columns stay aligned.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux"))
struct GraphemeTests {
  @Test func clustersAreDrawnWhole() async throws {
    let names = ["a-🇩🇪-x", "b-क्षत्रिय-x", "c-👨‍👩‍👧-x"]
    let tree = try RunTree(names.map { RunTree.RunSpec(folder: $0, metrics: [("loss", 1, "RAW")]) })
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root, width: 80, height: 10)
    defer { session.close() }
    let screen = try await session.waitFor("3 runs")
    #expect(screen.contains("a-🇩🇪-x"), "\(screen)")
    #expect(!screen.unicodeScalars.contains("\u{200D}"), "\(screen)")
    // Every row still ends where the table does: the loss column lines up.
    let rows = screen.components(separatedBy: "\n").filter { $0.contains("-x") }
    #expect(rows.count == 3)
    #expect(Set(rows.map { $0.hasSuffix("1.000") }) == [true], "\(screen)")
    try session.send("q")
    #expect(try await session.waitForExit() == 0)
  }
}
