import Foundation
import RunsCore
import Testing

@testable import RunsUI

@Suite struct RenderingTests {
  /// Every screen the application has, reached by keys.
  static let screenKeys: [(String, [Key])] = [
    ("table", []),
    ("compare", [.character("a"), .character("c")]),
    ("details", [.enter]),
    ("help", [.character("?")]),
    ("problems", [.character("!")]),
    ("filter", [.character("/"), .character("x")]),
    ("experiments", [.character("e")]),
    ("metrics", [.character("m")]),
  ]

  @Test func everySizeDownToZeroRendersEveryScreen() {
    for (name, keys) in Self.screenKeys {
      var state = Fixture.state(problems: Fixture.problems)
      for key in keys { _ = state.handle(key) }
      for width in [0, 1, 2, 5, 19, 20, 21, 30, 45] {
        for height in [0, 1, 2, 4, 5, 6, 9] {
          _ = state.handle(.resize(width: width, height: height))
          let grid = Screen.render(state, width: width, height: height, now: Fixture.now)
          #expect(grid.width == width && grid.height == height, "\(name) \(width)x\(height)")
          // Keys on a tiny terminal do not crash either.
          for key: Key in [.down, .right, .pageDown, .end, .left, .up, .home] {
            _ = state.handle(key)
          }
          _ = state.handle(.mouse(MouseEvent(kind: .leftClick, x: width / 2, y: height / 2)))
        }
      }
    }
  }

  @Test func tinyTerminalGetsANote() {
    let state = Fixture.state()
    let grid = Screen.render(state, width: 19, height: 5, now: Fixture.now)
    #expect(grid.lines[0].hasPrefix("Terminal too small"))
    let small = Screen.render(state, width: 40, height: 4, now: Fixture.now)
    #expect(small.lines[0].hasPrefix("Terminal too small"))
    let fits = Screen.render(state, width: 20, height: 5, now: Fixture.now)
    #expect(fits.lines[0].hasPrefix("  Run name"))
  }

  @Test func runTextNeverCarriesControlCharacters() {
    let hostile = Run(
      id: "x\u{1B}]0;pwn\u{07}", name: "a\u{1B}[2Jb\u{9B}c\u{202E}d\te\nf", status: .succeeded,
      createdAt: Fixture.date(1), experiment: ExperimentRef(id: "e\u{1B}", name: "exp\u{1B}[1m"),
      pipeline: "p\u{0}ipe", parameters: [Parameter(name: "k\u{1B}", value: "v\u{1B}[31m")],
      metrics: [Fixture.metric("m\u{1B}x", 0.5), Fixture.metric("ok", 1, node: "n\u{1B}[0m")])
    var state = Fixture.state(runs: [hostile] + Fixture.runs)
    let keys: [[Key]] = [
      [], [.enter], [.character("a"), .character("c")], [.character("e")], [.character("m")],
    ]
    for sequence in keys {
      var copy = state
      for key in sequence { _ = copy.handle(key) }
      let grid = Fixture.render(copy)
      for cell in grid.cells {
        for scalar in cell.text.unicodeScalars {
          let value = scalar.value
          #expect(
            !(value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x202E), "\(sequence)")
        }
      }
    }
    _ = state.handle(.enter)
  }

  @Test func barsFillFromTheLeftWithABackground() {
    let state = Fixture.state()
    let grid = Fixture.render(state)
    let layout = TableLayout(state, width: 160)
    let accuracy = layout.columns[layout.index(of: .metric("accuracy"))!]
    // vit-small (row 2, not the cursor row): 50% → half the cell.
    let y = 2
    #expect(grid.lines[y].contains("vit-small"))
    let filled = (0..<accuracy.width).filter { grid[accuracy.x + $0, y].style.background == .blue }
    #expect(filled == Array(0..<Int((Double(accuracy.width) / 2).rounded())))
    // RAW loss: (v − min)/(max − min) over the scope; the maximum (2.5) fills the cell, the
    // minimum (0.05) fills nothing.
    let loss = layout.columns[layout.index(of: .metric("loss"))!]
    let worst = grid.lines.firstIndex { $0.contains("resnet-lr-1.0") }!
    let best = grid.lines.firstIndex { $0.contains("vit-base") }!
    #expect((0..<loss.width).allSatisfy { grid[loss.x + $0, worst].style.background == .blue })
    #expect((0..<loss.width).allSatisfy { grid[loss.x + $0, best].style.background != .blue })
  }

  @Test func barsWithoutColourUseAnAttribute() {
    let state = Fixture.state(color: false)
    let grid = Fixture.render(state)
    let layout = TableLayout(state, width: 160)
    let accuracy = layout.columns[layout.index(of: .metric("accuracy"))!]
    let y = 2
    let cell = grid[accuracy.x, y]
    #expect(cell.style.background == .standard)
    #expect(cell.style.reverse)
    #expect(cell.style.underline)
    #expect(!grid[accuracy.x + accuracy.width - 1, y].style.reverse)
    // On the cursor row (itself reversed) the bar still differs from the rest of the row.
    var onCursor = state
    Fixture.press(&onCursor, .down)
    let cursorGrid = Fixture.render(onCursor)
    let bar = cursorGrid[accuracy.x, y].style
    let rest = cursorGrid[accuracy.x + accuracy.width - 1, y].style
    #expect(rest.reverse)
    #expect(!bar.reverse)
    #expect(bar.underline)
  }

  @Test func barsOffLeavesPlainCells() {
    var state = Fixture.state()
    Fixture.press(&state, .character("b"))
    let grid = Fixture.render(state)
    #expect(grid.cells.allSatisfy { $0.style.background != .blue })
  }

  @Test func percentageBarIsClamped() {
    let runs = [
      Run(
        id: "a", name: "over", createdAt: Fixture.date(1),
        metrics: [Fixture.metric("acc", 1.7, .percentage)]),
      Run(
        id: "b", name: "under", createdAt: Fixture.date(2),
        metrics: [Fixture.metric("acc", -0.2, .percentage)]),
    ]
    let state = Fixture.state(runs: runs)
    let grid = Fixture.render(state)
    let layout = TableLayout(state, width: 160)
    let acc = layout.columns[layout.index(of: .metric("acc"))!]
    #expect((0..<acc.width).allSatisfy { grid[acc.x + $0, 1].style.background == .blue })
    #expect((0..<acc.width).allSatisfy { grid[acc.x + $0, 2].style.background != .blue })
    #expect(grid.lines[1].contains("170.000%"))
  }

  @Test func mixedFormatsInOneColumnFit() {
    let runs = [
      Run(
        id: "a", name: "raw", createdAt: Fixture.date(1),
        metrics: [Fixture.metric("score", 123.25, .raw)]),
      Run(
        id: "b", name: "percent", createdAt: Fixture.date(2),
        metrics: [Fixture.metric("score", 123.25, .percentage)]),
    ]
    let grid = Fixture.render(Fixture.state(runs: runs))
    #expect(grid.lines[1].contains("123.250"))
    #expect(grid.lines[2].contains("12325.000%"))
  }

  @Test func equalValuesFillTheWholeBar() {
    let runs = (0..<3).map {
      Run(
        id: "\($0)", name: "run\($0)", createdAt: Fixture.date(Double($0)),
        metrics: [Fixture.metric("loss", 0.5)])
    }
    let state = Fixture.state(runs: runs)
    let grid = Fixture.render(state)
    let layout = TableLayout(state, width: 160)
    let loss = layout.columns[layout.index(of: .metric("loss"))!]
    #expect(
      (1...3).allSatisfy { y in
        (0..<loss.width).allSatisfy { grid[loss.x + $0, y].style.background == .blue }
      })
  }

  @Test func statusSymbolsAndColours() {
    let state = Fixture.state()
    let grid = Fixture.render(state)
    let layout = TableLayout(state, width: 160)
    let status = layout.columns[layout.index(of: .status)!]
    func cell(_ name: String) -> Cell {
      grid[status.x, grid.lines.firstIndex { $0.contains(name) }!]
    }
    #expect(cell("resnet-lr-0.1 ").text == "✓")
    #expect(cell("resnet-lr-0.1 ").style.foreground == .green)
    #expect(cell("resnet-lr-1.0").text == "✗")
    #expect(cell("resnet-lr-1.0").style.foreground == .red)
    #expect(cell("vit-small").text == "◷")
    #expect(cell("vit-small").style.foreground == .blue)
    #expect(cell("pending-run").style.foreground == .standard)
    var ascii = state
    ascii.options.asciiGlyphs = true
    let plain = Fixture.render(ascii)
    #expect(plain.lines.contains { $0.contains("+ Succeeded") })
    #expect(plain.lines.contains { $0.contains("x Failed") })
    // Not `~`: in ASCII mode that is what stands for cut text.
    #expect(plain.lines.contains { $0.contains("> Running") })
    #expect(plain.lines[0].contains("Start time v"))
    #expect(
      plain.lines.contains { $0.contains("vit-base-with-a-very-long-name-that-does-not-fit") })
  }

  @Test func asciiModeDrawsOnlyAscii() {
    var state = Fixture.state(width: 60, height: 15, problems: Fixture.problems)
    state.options.asciiGlyphs = true
    Fixture.press(&state, .character(" "))
    for (name, keys) in Self.screenKeys {
      var copy = state
      for key in keys { _ = copy.handle(key) }
      let grid = Fixture.render(copy)
      // Only the run names' own text (here: the sanitizer's U+FFFD) may be non-ASCII.
      let offending = grid.cells.filter { !$0.text.allSatisfy(\.isASCII) && $0.text != "\u{FFFD}" }
      #expect(offending.isEmpty, "\(name): \(offending.map(\.text))")
    }
  }

  @Test func headerShowsSortArrowAndColumnCursor() {
    var state = Fixture.state()
    Fixture.press(&state, .right)
    let grid = Fixture.render(state)
    #expect(grid.lines[0].contains("Start time ▼"))
    let layout = TableLayout(state, width: 160)
    let status = layout.columns[layout.index(of: .status)!]
    #expect(grid[status.x, 0].style.reverse)
    let name = layout.columns[layout.index(of: .name)!]
    #expect(!grid[name.x, 0].style.reverse)
  }

  @Test func selectedRowsShowAMark() {
    var state = Fixture.state()
    Fixture.press(&state, .down, .character(" "))
    let grid = Fixture.render(state)
    #expect(grid[0, 2].text == "●")
    #expect(grid[0, 1].text == " ")
    #expect(grid.statusLine.contains("1 selected"))
  }

  @Test func longNamesAreCutWithAnEllipsis() {
    let state = Fixture.state(width: 60, height: 15)
    let grid = Fixture.render(state)
    // Shortened in the middle: the end, which tells runs apart, stays.
    #expect(grid.lines.contains { $0.contains("vit-base-…-not-fit") })
  }

  @Test func wideCharactersKeepColumnsAligned() {
    let runs = [
      Run(
        id: "a", name: "実験-データ-ラン", createdAt: Fixture.date(1),
        metrics: [Fixture.metric("acc", 0.5, .percentage)]),
      Run(
        id: "b", name: "plain", createdAt: Fixture.date(2),
        metrics: [Fixture.metric("acc", 0.25, .percentage)]),
    ]
    let state = Fixture.state(runs: runs)
    let grid = Fixture.render(state)
    let layout = TableLayout(state, width: 160)
    let acc = layout.columns[layout.index(of: .metric("acc"))!]
    // Both values end in the last cell before the several-nodes mark's cell.
    #expect(grid[acc.x + acc.width - 2, 1].text == "%")
    #expect(grid[acc.x + acc.width - 2, 2].text == "%")
  }

  @Test func statusBarShowsEverything() {
    var state = AppState(
      sourceDescription: "https://kfp.example.com/pipeline", sourceKind: .server, insecure: true,
      options: RenderOptions(timeZone: Fixture.utc), width: 200, height: 20)
    state.receive(
      LoadResult(runs: Fixture.runs, problems: Fixture.problems), loaded: 200, total: 1000,
      finished: false)
    Fixture.press(&state, .character(" "), .character("/"))
    Fixture.type(&state, "res")
    Fixture.press(&state, .enter)
    let line = Fixture.render(state).statusLine
    for part in [
      "https://kfp.example.com/pipeline", "all runs", "8 runs, 3 shown", "1 selected",
      "sort: Start time ▼", "filter: \"res\"", "loaded 200 of 1000", "insecure", "⚠ 2 problems",
    ] {
      #expect(line.contains(part), "missing \(part) in \(line)")
    }
    state.receive(LoadResult(), loaded: 1000, total: 1000, finished: true)
    #expect(!Fixture.render(state).statusLine.contains("loaded"))
  }

  @Test func statusBarCountsMetricsAfterTheRuns() {
    var state = AppState(
      sourceDescription: "http://localhost:8080", sourceKind: .server,
      options: RenderOptions(timeZone: Fixture.utc), width: 160, height: 20)
    state.receive(LoadResult(runs: Fixture.runs), loaded: 8, total: 8, finished: false)
    #expect(Fixture.render(state).statusLine.contains("loaded 8 of 8"))
    var batch = LoadResult(runs: [Fixture.runs[0]])
    batch.metricsProgress = LoadResult.MetricsProgress(done: 3, total: 8)
    state.receive(batch, loaded: 8, total: 8, finished: false)
    #expect(Fixture.render(state).statusLine.contains("metrics 3 of 8 runs"))
    // A batch without progress (a problem) keeps the count.
    state.receive(LoadResult(), loaded: 8, total: 8, finished: false)
    #expect(Fixture.render(state).statusLine.contains("metrics 3 of 8 runs"))
    state.receive(LoadResult(runs: Fixture.runs), loaded: 8, total: 8, finished: true)
    #expect(!Fixture.render(state).statusLine.contains("metrics"))
  }

  @Test func statusBarCutsTheSourceFirst() {
    var state = Fixture.state(width: 60, height: 10, problems: Fixture.problems)
    state = AppState(
      sourceDescription: "/a/very/long/path/to/a/directory/of/runs/that/goes/on/and/on",
      options: RenderOptions(timeZone: Fixture.utc), width: 60, height: 10)
    state.receive(
      LoadResult(runs: Fixture.runs, problems: Fixture.problems), loaded: 8, total: 8,
      finished: true)
    let line = Fixture.render(state).statusLine
    #expect(line.contains("⚠ 2 problems"))
    #expect(line.contains("…"))
  }

  @Test func loadingAndEmptyMessages() {
    let loading = AppState(sourceDescription: "runs/", width: 100, height: 10)
    #expect(Fixture.render(loading).lines.contains { $0.contains("Loading runs from runs/…") })
    let server = Fixture.state(runs: [], kind: .server)
    #expect(Fixture.render(server).lines.contains { $0.contains("No runs found at runs/.") })
    let file = Fixture.state(runs: [], kind: .jsonFile)
    #expect(Fixture.render(file).lines.contains { $0.contains("ListRunsResponse") })
    var filtered = Fixture.state()
    Fixture.press(&filtered, .character("/"))
    Fixture.type(&filtered, "nothing-like-this")
    Fixture.press(&filtered, .enter)
    #expect(
      Fixture.render(filtered).lines.contains {
        $0.contains("No run name contains \"nothing-like-this\".")
      })
  }

  @Test func loadFailureIsShownAndClearedByReload() {
    var state = AppState(
      sourceDescription: "http://localhost:8888", sourceKind: .server,
      options: RenderOptions(timeZone: Fixture.utc), width: 100, height: 12)
    let refused = Problem(
      location: "http://localhost:8888/apis/v1beta1/runs", severity: .error,
      message: "Could not connect to http://localhost:8888: connection refused.")
    state.receive(
      LoadResult(problems: [refused], sourceFailure: refused), loaded: 0, total: nil,
      finished: true)
    var text = Fixture.render(state).lines.joined(separator: "\n")
    #expect(text.contains("Could not read http://localhost:8888."))
    #expect(text.contains("connection refused"))
    #expect(text.contains("Press r to try again."))
    #expect(Fixture.press(&state, .character("r")) == .reload)
    #expect(state.loadFailure == nil)
    // A later page fails: the runs stay, the status bar says so.
    state.receive(LoadResult(runs: Fixture.runs), loaded: 8, total: 20, finished: false)
    state.receive(
      LoadResult(problems: [refused], sourceFailure: refused), loaded: 8, total: 20,
      finished: true)
    #expect(state.shownIndices.count == 8)
    text = Fixture.render(state).statusLine
    #expect(text.contains("loading failed: r retries"))
  }

  @Test func detailsOfARunThatAReloadDropped() {
    var state = Fixture.state()
    Fixture.press(&state, .enter, .character("r"))
    state.receive(
      LoadResult(runs: Array(Fixture.runs.prefix(2))), loaded: 2, total: 2, finished: true)
    let text = Fixture.render(state).lines.joined(separator: "\n")
    #expect(text.contains("This run is no longer in the source."))
    Fixture.press(&state, .escape)
    #expect(state.topScreen == .table)
    #expect(state.shownIndices.count == 2)
  }

  @Test func sameFrameForSameState() {
    let state = Fixture.state()
    #expect(Fixture.render(state) == Fixture.render(state))
  }
}

@Suite struct KeyMapTests {
  @Test func helpListsEveryBinding() {
    let text = HelpScreen.lines.map { $0.map(\.text).joined() }
    for binding in KeyMap.bindings {
      #expect(
        text.contains { $0.contains(binding.label) && $0.contains(binding.description) },
        "help misses \(binding.label)")
    }
  }

  @Test func everySpecKeyIsBound() {
    let table: [Key] =
      [
        .up, .down, .character("k"), .character("j"), .pageUp, .pageDown, .character("g"),
        .character("G"), .home, .end, .left, .right, .character("h"), .character("l"),
        .character("s"), .character(" "), .character("a"), .character("c"), .enter, .character("/"),
        .character("e"), .character("m"), .character("b"), .character("r"), .character("!"),
        .character("?"), .escape, .character("q"),
      ] + (1...9).map { Key.character(Character(String($0))) }
    for key in table {
      #expect(KeyMap.action(for: key, in: .table) != nil, "\(key) unbound on the table")
    }
    for key: Key in [.character("d"), .character("D"), .character("x"), .enter] {
      #expect(KeyMap.action(for: key, in: .compare) != nil)
    }
    #expect(KeyMap.action(for: .character("q"), in: .table) == .quit)
    #expect(KeyMap.action(for: .character("q"), in: .compare) == .back)
    #expect(KeyMap.action(for: .character("q"), in: .filter) == nil)
  }

  @Test func noKeyIsBoundTwiceInOneContext() {
    var seen: [KeyContext: Set<Key>] = [:]
    for binding in KeyMap.bindings {
      for key in binding.keys {
        #expect(
          seen[binding.context, default: []].insert(key).inserted,
          "\(key) twice in \(binding.context)")
      }
    }
  }
}
