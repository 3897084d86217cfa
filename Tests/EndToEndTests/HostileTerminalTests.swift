import Foundation
import Testing

/// The real binary on terminals that lack what most have: a VT100 (no colour, no alternate
/// screen, no mouse) and a person who asked for no colour with `NO_COLOR`.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux"))
struct HostileTerminalTests {
  private let newestFirst = ["run-delta", "run-charlie", "run-bravo", "run-alpha"]

  /// On a VT100 the table, a panel's box and the status bar are drawn, in ASCII when the
  /// locale is not UTF-8; `q` quits with status 0 and leaves the cursor and keypad as found.
  @Test(arguments: ["C.UTF-8", "C"])
  func aVT100ShowsEverythingAndQuitsCleanly(locale: String) async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession(
      [tree.root.path], in: tree.root, width: 100, height: 24,
      environment: ["TERM": "vt100", "LANG": locale])
    defer { session.close() }
    let table = try await session.waitUntil("every run, newest first, and the status bar") {
      Screens.order(of: newestFirst, in: $0) == newestFirst && $0.contains("4 runs")
    }
    #expect(table.contains("Run name"))
    #expect(table.contains("98.000%"))
    try session.send("?")
    let help = try await session.waitUntil("the help panel with its closing line") {
      $0.contains("Keys") && $0.contains("Esc close")
    }
    let styled = StyledScreen(try session.screenWithStyles())
    // A VT100 has no colour: none may be asked for.
    #expect(!styled.usesColor)
    if locale == "C" {
      #expect(help.unicodeScalars.allSatisfy { $0.isASCII }, "\(help)")
      #expect(help.contains("+- Keys -"))
    } else {
      #expect(help.contains("┌─ Keys ─"))
    }
    try session.send("Escape")
    try session.send("q")
    #expect(try await session.waitForExit() == 0)
    #expect(try session.paneValue(Self.cursorAndModes) == "1 0 0")
  }

  /// With `NO_COLOR` no colour reaches the terminal, and what colour would say is still there
  /// as attributes: the bold header, the reversed cursor row, the bold selection mark and the
  /// underlined metric bars. Without it the same screen has colour (so the check can fail).
  @Test(arguments: [true, false])
  func noColorKeepsEveryMeaningInAttributes(noColor: Bool) async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession(
      [tree.root.path], in: tree.root, environment: noColor ? ["NO_COLOR": "1"] : [:])
    defer { session.close() }
    try await session.waitFor("run-alpha")
    // Select the cursor row (the newest run), then move the cursor off it.
    try session.send("Space")
    try await session.waitFor("1 selected")
    try session.send("j")
    let screen = try await session.waitUntil("the cursor on run-charlie", styled: true) {
      StyledScreen($0).attributes(of: "run-charlie")?.allSatisfy(\.reverse) ?? false
    }
    let styled = StyledScreen(screen)
    #expect(styled.usesColor == !noColor, "\(screen)")
    #expect(try #require(styled.attributes(of: "Run name")).allSatisfy(\.bold))
    #expect(try #require(styled.attributes(of: "run-delta")).allSatisfy { !$0.reverse })
    let delta = try #require(styled.lines.first { $0.contains("run-delta") })
    let mark = try #require(delta.unicodeScalars.first { !$0.properties.isWhitespace })
    #expect(styled.attributes(of: "\(mark) run-delta")?.first?.bold == true, "\(delta)")
    if noColor {
      // The filled part of a bar: reversed and underlined off the cursor row.
      let bar = try #require(styled.attributes(of: "91.000%"))
      #expect(bar.contains { $0.underline && $0.reverse }, "\(screen)")
    }
  }

  /// Cursor shown, mouse reporting, keypad mode: 1 or 0 each.
  private static let cursorAndModes = "#{cursor_flag} #{mouse_any_flag} #{keypad_flag}"

  /// A `TERM` holding an escape sequence (an OSC that would rename the pane) is named in the
  /// message with its controls replaced: the pane keeps its title.
  @Test func aHostileTermValueIsQuotedHarmlessly() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession(
      [tree.root.path], in: tree.root, environment: ["TERM": "x\u{1B}]2;PWNED\u{07}y"])
    defer { session.close() }
    let status = try await session.waitForExit()
    #expect(status == 4)
    let screen = try session.screen()
    #expect(screen.contains("x\u{FFFD}]2;PWNED\u{FFFD}y"), "\(screen)")
    #expect(try session.paneValue("#{pane_title}") != "PWNED")
  }

  /// A copied run folder (same run.json id) is a run of its own in the application too, as in
  /// `list`: the table counts every run and the problem says what was renamed.
  @Test func aCopiedRunFolderIsARunOfItsOwn() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let manager = FileManager.default
    let runJSON = Data(#"{"id": "X", "name": "copied-run"}"#.utf8)
    try runJSON.write(to: tree.root.appendingPathComponent("run-alpha/run.json"))
    try manager.copyItem(
      at: tree.root.appendingPathComponent("run-alpha"),
      to: tree.root.appendingPathComponent("run-alpha-copy"))
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    let screen = try await session.waitFor("5 runs")
    #expect(screen.components(separatedBy: "copied-run").count - 1 == 2, "\(screen)")
    try session.send("!")
    try await session.waitFor("both are kept, this one as")
    try session.send("q")
  }
}
