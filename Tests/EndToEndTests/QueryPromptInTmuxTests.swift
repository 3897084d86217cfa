import Foundation
import Testing

/// The query prompt (`f`, `F`) in the real binary, as a person uses it: a typo, its
/// suggestion, the fix, the rows that stay, and clearing it.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux"))
struct QueryPromptInTmuxTests {
  @Test func aTypoIsNamedThenTheFixedQueryKeepsItsRuns() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root, width: 100, height: 20)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    try session.send("f")
    try session.type("accuracy > 80% and los < 0.4")
    try await session.waitFor(
      "no metric, parameter or attribute is named 'los'; did you mean loss?")
    // Enter on a query with an error keeps the prompt and the text, so it can be fixed.
    try session.send("Enter")
    try await session.waitFor("where accuracy > 80% and los < 0.4")
    try session.send("C-u")
    try session.type("accuracy > 80% and loss < 0.4")
    try session.send("Enter")
    let filtered = try await session.waitFor("4 runs, 1 shown")
    #expect(filtered.contains("where: accuracy > 80% and loss < 0.4"))
    #expect(filtered.contains("run-alpha"))
    // run-charlie has the accuracy but not the loss; the others have neither.
    for run in ["run-bravo", "run-charlie", "run-delta"] { #expect(!filtered.contains(run)) }
    try session.send("F")
    let cleared = try await session.waitFor("run-delta")
    #expect(!cleared.contains("where:"))
  }
}
