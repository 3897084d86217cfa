import Foundation
import Testing

/// The plot, `>` and `y` in the real binary, as a person uses them.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux"))
struct PlotAndExportTests {
  @Test func thePlotShowsTheRunsAndMovesBetweenThem() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root, width: 90, height: 24)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    try session.send("p")
    try await session.waitFor("accuracy vs created · 4 runs · 0 without created or accuracy")
    // The cursor starts on the table's cursor run, the newest; a selected run stays marked.
    try await session.waitFor("run-delta  accuracy 42.000%")
    // Left: run-bravo, a minute earlier and near in accuracy, beats run-charlie, one minute
    // closer in time but far above.
    try session.send("Left")
    try await session.waitFor("run-bravo  accuracy 75.000%")
    try session.send("Space")
    try await session.waitFor("1 selected")
    try session.send("y")
    try await session.waitFor("y axis")
    try session.send("Escape", "Enter")
    try await session.waitFor("Parameters")
    try session.send("Escape", "Escape")
    try await session.waitFor("sort: Start time")
  }

  @Test func theFilteredTableIsWrittenAndOnlyReplacedAfterYes() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root, width: 140, height: 20)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    try session.send("/")
    try session.type("ha")
    try session.send("Enter", ">", "C-u")
    try session.type("view.csv")
    try session.send("Enter")
    try await session.waitFor("wrote 2 runs to \(tree.root.path)/view.csv")
    let file = tree.root.appendingPathComponent("view.csv")
    let written = try String(contentsOf: file, encoding: .utf8)
    let lines = written.split(separator: "\n").map(String.init)
    #expect(lines.first == "id,name,status,duration_seconds,created_at,accuracy,loss")
    // The filter's rows, newest first, with raw values.
    #expect(lines.dropFirst().map { $0.split(separator: ",")[1] } == ["run-charlie", "run-alpha"])
    #expect(lines.contains { $0.hasSuffix(",0.98,0.5") })

    try session.send(">", "C-u")
    try session.type("view.csv")
    try session.send("Enter")
    try await session.waitFor("view.csv exists: overwrite it?")
    try session.send("n", "Escape", "Escape")
    try await session.waitFor("4 runs")
    try session.send(">", "C-u")
    try session.type("view.csv")
    try session.send("Enter")
    try await session.waitFor("exists: overwrite it?")
    try session.send("y")
    try await session.waitFor("wrote 4 runs to")
    #expect(try String(contentsOf: file, encoding: .utf8).split(separator: "\n").count == 5)
  }

  @Test func yPutsTheRunIdOnTheClipboardOfTmux() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    _ = try session.tmux(["set-option", "-s", "set-clipboard", "on"])
    try session.send("g", "y")
    // Without run.json a run's id is its folder name.
    try await session.waitFor("copied run id run-delta")
    var buffer = ""
    for _ in 0..<50 where buffer != "run-delta" {
      buffer = (try? session.tmux(["show-buffer"])) ?? ""
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(buffer == "run-delta")
  }
}
