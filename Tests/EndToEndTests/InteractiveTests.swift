import Foundation
import Testing

/// The real binary in tmux, driven like a person would: keys in, screen text out.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux"))
struct InteractiveTests {
  /// The runs of `RunTree.standard`, newest first: the order of the default sort.
  private let newestFirst = ["run-delta", "run-charlie", "run-bravo", "run-alpha"]

  @Test func sortsByAMetricWithItsDigitKey() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    let first = try await session.waitUntil("every run, newest first") {
      Screens.order(of: newestFirst, in: $0) == newestFirst
    }

    let digit = try #require(Screens.digitKey(for: "accuracy", in: first))
    try session.send(digit)
    let byAccuracy = ["run-charlie", "run-alpha", "run-bravo", "run-delta"]
    let sorted = try await session.waitUntil("rows sorted by accuracy") {
      Screens.order(of: byAccuracy, in: $0) == byAccuracy
    }
    // The KFP UI's text for a PERCENTAGE metric.
    #expect(sorted.contains("98.000%"))
    #expect(sorted.contains("42.000%"))

    // The same key again reverses the direction.
    try session.send(digit)
    try await session.waitUntil("rows sorted by accuracy, reversed") {
      Screens.order(of: byAccuracy, in: $0) == Array(byAccuracy.reversed())
    }
  }

  @Test func comparesThreeSelectedRuns() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    // Select the first three rows (newest first: delta, charlie, bravo), then compare.
    try session.send("g", "Space", "j", "Space", "j", "Space")
    try await session.waitFor("3 selected")
    try session.send("c")
    // tmux may show a frame half drawn: wait for its rows down to the last metric value.
    let screen = try await session.waitUntil("the compare view") { screen in
      let accuracy = Screens.line(containing: "accuracy", in: screen) ?? ""
      let loss = Screens.line(containing: "loss", in: screen) ?? ""
      return accuracy.contains("75.000%") && loss.contains("0.120")
    }
    let accuracy = try #require(Screens.line(containing: "accuracy", in: screen))
    let loss = try #require(Screens.line(containing: "loss", in: screen))
    // One column per selected run, in table order; the unselected run is not there.
    #expect(
      Screens.order(of: ["42.000%", "98.000%", "75.000%"], in: accuracy) == [
        "42.000%", "98.000%", "75.000%",
      ])
    #expect(
      Screens.order(of: ["0.900", "0.500", "0.120"], in: loss) == ["0.900", "0.500", "0.120"])
    #expect(!screen.contains("91.000%"))
    #expect(!screen.contains("run-alpha"))
  }

  @Test func theMouseSortsByAHeaderAndPicksARow() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root, width: 90, height: 20)
    defer { session.close() }
    let first = try await session.waitFor("run-alpha")
    let header = try #require(Screens.line(containing: "Run name", in: first))
    let loss = try #require(header.range(of: "loss"))
    try session.click(x: header.distance(from: header.startIndex, to: loss.lowerBound) + 1, y: 0)
    // A cost-like metric sorts lowest first.
    let byLoss = ["run-bravo", "run-alpha", "run-charlie", "run-delta"]
    let sorted = try await session.waitUntil("rows sorted by loss") {
      Screens.order(of: byLoss, in: $0) == byLoss
    }
    let row = try #require(sorted.split(separator: "\n").firstIndex { $0.contains("run-charlie") })
    try session.click(x: 4, y: row)
    // The cursor row is drawn in reverse video; wait for it before typing, as a person would
    // (curses drops a click that arrives in the same read as a following key).
    try await session.waitUntil("the cursor on run-charlie", styled: true) { screen in
      Screens.line(containing: "run-charlie", in: screen)?.contains("\u{1B}[7m") ?? false
    }
    try session.send("Enter")
    // tmux may show a frame half drawn: wait for its last part, the metrics.
    let details = try await session.waitUntil("the details of run-charlie with its metrics") {
      $0.contains("Run run-charlie") && $0.contains("98.000%")
    }
    #expect(!details.contains("run-bravo"))
  }

  @Test func reloadShowsARunAddedMeanwhile() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    try tree.add(RunTree.RunSpec(folder: "run-echo", metrics: [("accuracy", 0.99, "PERCENTAGE")]))
    try session.send("r")
    // The new run, its value, and the status bar's count (the frame's last row).
    try await session.waitUntil("run-echo with its metric and 5 runs") {
      $0.contains("run-echo") && $0.contains("99.000%") && $0.contains("5 runs")
    }
  }

  @Test func aStormOfKeysNeverCrashesIt() async throws {
    let tree = try RunTree(
      RunTree.standard + [
        RunTree.RunSpec(folder: "実験-wide-name", metrics: [("f1", 0.5, "RAW")])
      ])
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root, width: 80, height: 20)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    let pid = try await session.pid()
    // Every key the screens use except the ones that leave (q, Ctrl-C, Ctrl-Z), in a fixed
    // pseudo-random order, with clicks and resizes in between.
    let keys = [
      "j", "k", "h", "l", "s", "1", "2", "5", "7", "9", "Space", "a", "c", "Enter", "/", "e",
      "m", "b", "r", "!", "?", "Escape", "d", "D", "x", "g", "G", "PageUp", "PageDown", "Home",
      "End", "Left", "Right", "Up", "Down", "BTab", "Tab", "F1", "BSpace", "DC", "C-a", "z", "é",
      "実",
    ]
    var seed: UInt64 = 0x5EED
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(bound))
    }
    for round in 0..<40 {
      try session.send(contentsOf: (0..<10).map { _ in keys[next(keys.count)] })
      try session.click(x: next(80), y: next(20))
      if round % 10 == 9 { try session.resize(width: 20 + next(100), height: 3 + next(40)) }
    }
    try session.resize(width: 80, height: 20)
    // Still running, and it still answers: Esc and q close whatever is open, then quit.
    #expect(kill(pid, 0) == 0)
    var status: Int32?
    for _ in 0..<10 where status == nil {
      try session.send("Escape")
      try await Task.sleep(nanoseconds: 100_000_000)
      try session.send("q")
      status = try? await session.waitForExit(timeout: 1)
    }
    #expect(status == 0)
  }

  @Test func survivesATinyTerminalAndComesBack() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    try session.resize(width: 12, height: 4)
    try await session.waitUntil("a redraw at 12×4") { !$0.contains("run-charlie") }
    try session.send("j", "k", "G", "g", "?")
    try session.send("Escape")
    try session.resize(width: 1, height: 1)
    try session.resize(width: 120, height: 30)
    try await session.waitUntil("every run again, newest first") {
      Screens.order(of: newestFirst, in: $0) == newestFirst
    }
    try session.send("q")
    #expect(try await session.waitForExit() == 0)
  }

  @Test(arguments: ["q", "C-c"])
  func quitsWithStatusZeroAndRestoresTheTerminal(key: String) async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    // While it runs: the alternate screen, no cursor, mouse reporting, keypad mode.
    #expect(try session.paneValue(Self.terminalState) == "1 0 1 1")
    try session.send(key)
    #expect(try await session.waitForExit() == 0)
    try expectRestored(session)
  }

  @Test func aSignalRestoresTheTerminal() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    #expect(kill(try await session.pid(), SIGTERM) == 0)
    #expect(try await session.waitForExit() == 128 + SIGTERM)
    try expectRestored(session)
  }

  @Test func ctrlZSuspendsAndFgResumes() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root, inShell: true)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    try session.send("C-z")
    // The shell's job control took over: its prompt on a restored terminal.
    try await session.waitFor("Stopped")
    try await session.waitForPane(Self.terminalState, "0 1 0 0")
    try session.type("fg")
    try session.send("Enter")
    try await session.waitUntil("the table again") {
      !$0.contains("Stopped") && Screens.order(of: newestFirst, in: $0) == newestFirst
    }
    try await session.waitForPane(Self.terminalState, "1 0 1 1")
    try session.send("q")
    try await session.waitForPane(Self.terminalState, "0 1 0 0")
    try session.type("echo status=$?")
    try session.send("Enter")
    try await session.waitFor("status=0")
    try expectRestored(session)
  }

  @Test func anEscapeSequenceInARunNameNeverReachesTheTerminal() async throws {
    let tree = try RunTree(
      RunTree.standard + [
        RunTree.RunSpec(folder: "evil\u{1B}[2Jname", metrics: [("accuracy", 0.5, "PERCENTAGE")])
      ])
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    // The whole frame: the evil name (first row), the last row and the status bar.
    let screen = try await session.waitUntil("the table with the sanitized name") {
      $0.contains("[2Jname") && $0.contains("run-alpha") && $0.contains("5 runs")
    }
    // The ESC is shown replaced, and the screen was not cleared: header and rows are there.
    #expect(screen.contains("evil\u{FFFD}[2Jname"))
    #expect(screen.contains("Run name"))
    #expect(Screens.order(of: newestFirst, in: screen) == newestFirst)
  }

  @Test func aTerminalWithoutCursorMovementGetsOneSentence() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root, environment: ["TERM": "dumb"])
    defer { session.close() }
    let status = try await session.waitForExit()
    // 4, not 1 (which says `check` found errors); the message says what works there.
    #expect(status == 4)
    let screen = try session.screen()
    #expect(screen.contains("cannot move the cursor"))
    #expect(screen.contains("kfp-runs"))
    #expect(screen.replacingOccurrences(of: "\n", with: "").contains("use `kfp-runs list`"))
    #expect(!screen.contains("run-alpha"))
  }

  @Test func anUnknownTerminalTypeIsExitFour() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession(
      [tree.root.path], in: tree.root, environment: ["TERM": "no-such-terminal-type"])
    defer { session.close() }
    #expect(try await session.waitForExit() == 4)
    let screen = try session.screen()
    let text = screen.replacingOccurrences(of: "\n", with: "")
    #expect(text.contains("kfp-runs: error: the terminal type \"no-such-terminal-type\""))
    #expect(text.contains("`kfp-runs list`"))
  }

  /// Button events only (mode 1000): reporting every motion (1003) or drags (1002) would wake
  /// the application on each mouse move.
  @Test func theMouseReportsButtonsOnly() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    #expect(
      try session.paneValue("#{mouse_standard_flag} #{mouse_button_flag} #{mouse_all_flag}")
        == "1 0 0")
    try session.send("q")
    _ = try await session.waitForExit()
  }

  @Test func aNonUTF8LocaleGetsASCIIOnly() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root, environment: ["LANG": "C"])
    defer { session.close() }
    try await session.waitFor("run-alpha")
    try session.send(try #require(Screens.digitKey(for: "accuracy", in: try session.screen())))
    let screen = try await session.waitUntil("sorted by accuracy") {
      Screens.order(of: ["run-charlie", "run-delta"], in: $0) == ["run-charlie", "run-delta"]
    }
    let nonASCII = screen.unicodeScalars.filter { !$0.isASCII }
    #expect(nonASCII.isEmpty)
  }

  /// Alternate screen, cursor shown, mouse reporting, keypad mode: 1 or 0 each.
  private static let terminalState =
    "#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{keypad_flag}"

  /// The terminal is as the program found it: main screen, cursor shown, no mouse reporting.
  private func expectRestored(_ session: TmuxSession) throws {
    #expect(try session.paneValue(Self.terminalState) == "0 1 0 0")
  }
}

/// Reading a captured screen.
enum Screens {
  /// The texts that appear on the screen, ordered by where they first appear (row, then
  /// column); texts not on screen are left out.
  static func order(of texts: [String], in screen: String) -> [String] {
    texts.compactMap { text in screen.range(of: text).map { (text, $0.lowerBound) } }
      .sorted { $0.1 < $1.1 }.map(\.0)
  }

  /// The first line holding `text`.
  static func line(containing text: String, in screen: String) -> String? {
    screen.split(separator: "\n").first { $0.contains(text) }.map(String.init)
  }

  /// The digit that sorts by the column titled `title`: its position among the header's
  /// columns, counting from Run name = 1. `metrics` are the metric columns that may show.
  static func digitKey(
    for title: String, in screen: String, metrics: [String] = ["accuracy", "loss"]
  ) -> String? {
    guard let header = line(containing: "Run name", in: screen),
      let target = header.range(of: title)
    else { return nil }
    let titles =
      ["Run name", "Status", "Duration", "Experiment", "Pipeline", "Start time"] + metrics
    let before = titles.filter { other in
      other != title && (header.range(of: other).map { $0.lowerBound < target.lowerBound } ?? false)
    }
    let position = before.count + 1
    return (1...9).contains(position) ? String(position) : nil
  }
}
