import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// `>` writes exactly the view; `y` copies the run id.
@Suite struct ExportKeyTests {
  static func state(width: Int = 160, height: Int = 40) -> AppState {
    var state = Fixture.state(width: width, height: height)
    state.clock = { Fixture.now }
    return state
  }

  static func job(_ effect: AppEffect) -> ExportJob? {
    if case .export(let job) = effect { return job }
    return nil
  }

  static func lines(_ job: ExportJob?) -> [String] {
    String(decoding: job?.bytes ?? [], as: UTF8.self).split(separator: "\n").map(String.init)
  }

  @Test func theTableIsWrittenWithEveryRowShownAfterTheFilter() throws {
    // A short terminal: the file holds every row, not the screenful.
    var state = Self.state(width: 60, height: 5)
    Fixture.press(&state, .character("/"))
    Fixture.type(&state, "r")
    Fixture.press(&state, .enter, .character(">"))
    #expect(state.topScreen == .exportPrompt)
    #expect(state.exportPrompt?.name == "kfp-runs-table-20260110-120000.csv")
    let job = try #require(Self.job(Fixture.press(&state, .enter)))
    #expect(job.path == "kfp-runs-table-20260110-120000.csv")
    #expect(!job.overwrite)
    let lines = Self.lines(job)
    let shown = Fixture.shownNames(state)
    #expect(shown.count > 3 && shown.count < Fixture.runs.count)
    #expect(lines.count == 1 + shown.count)
    // Columns in the table's order, hidden ones for width included; rows in the table's order.
    #expect(
      lines[0]
        == "id,name,status,duration_seconds,experiment,pipeline,created_at,accuracy,loss,f1")
    for (line, index) in zip(lines.dropFirst(), state.shownIndices) {
      #expect(line.hasPrefix(state.runs[index].id + ","))
    }
    #expect(job.summary == "\(shown.count) runs")
    state.exportFinished(.written(path: "/work/dir/kfp-runs-table-20260110-120000.csv"))
    #expect(state.topScreen == .table)
    #expect(
      state.message == "wrote \(shown.count) runs to /work/dir/kfp-runs-table-20260110-120000.csv")
    expectSnapshot(Fixture.render(state), named: "export-written-60x5")
    Fixture.press(&state, .down)
    #expect(state.message == nil)
  }

  @Test func theTypedExtensionChoosesMarkdownOrJSON() throws {
    var state = Self.state()
    Fixture.press(&state, .character(">"), .control("u"))
    Fixture.type(&state, "view.md")
    let markdown = try #require(Self.job(Fixture.press(&state, .enter)))
    #expect(Self.lines(markdown)[0].hasPrefix("| Run name"))
    #expect(Self.lines(markdown).count == 2 + state.shownIndices.count)
    for _ in 0..<2 { Fixture.press(&state, .backspace) }
    Fixture.type(&state, "json")
    let json = try #require(Self.job(Fixture.press(&state, .enter)))
    #expect(json.path == "view.json")
    #expect(String(decoding: json.bytes, as: UTF8.self).hasPrefix("["))
  }

  @Test func anExistingFileIsOnlyReplacedAfterYes() throws {
    var state = Self.state(width: 80, height: 10)
    Fixture.press(&state, .character(">"))
    _ = try #require(Self.job(Fixture.press(&state, .enter)))
    state.exportFinished(.exists(path: "/d/kfp-runs-table-20260110-120000.csv"))
    #expect(state.topScreen == .exportPrompt)
    expectSnapshot(Fixture.render(state), named: "export-overwrite-80x10")
    // Other keys do nothing; n goes back to the name.
    #expect(Fixture.press(&state, .character("q")) == .none)
    Fixture.press(&state, .character("n"))
    #expect(state.exportPrompt?.confirming == nil)
    #expect(state.exportPrompt?.name == "kfp-runs-table-20260110-120000.csv")
    _ = Fixture.press(&state, .enter)
    state.exportFinished(.exists(path: "/d/kfp-runs-table-20260110-120000.csv"))
    let job = try #require(Self.job(Fixture.press(&state, .character("y"))))
    #expect(job.overwrite)
    #expect(job.path == "/d/kfp-runs-table-20260110-120000.csv")
  }

  @Test func aFailureKeepsThePromptAndSaysWhy() throws {
    var state = Self.state(width: 80, height: 10)
    Fixture.press(&state, .character(">"), .control("u"))
    Fixture.type(&state, "/nope/x.csv")
    _ = try #require(Self.job(Fixture.press(&state, .enter)))
    state.exportFinished(.failed(path: "/nope/x.csv", reason: "No such file or directory"))
    #expect(state.topScreen == .exportPrompt)
    #expect(state.message == "could not write /nope/x.csv: No such file or directory")
    Fixture.press(&state, .escape)
    #expect(state.topScreen == .table)
    #expect(state.exportPrompt == nil)
  }

  @Test func theCompareViewIsWrittenAsShown() throws {
    var state = Self.state()
    Fixture.press(&state, .character("1"))  // By name: …, resnet-lr-0.01, resnet-lr-0.1, …
    while state.cursorRun?.name != "resnet-lr-0.01" { Fixture.press(&state, .down) }
    Fixture.press(&state, .character(" "), .down, .character(" "), .character("c"))
    Fixture.press(&state, .character(">"))
    #expect(state.exportPrompt?.name == "kfp-runs-compare-20260110-120000.csv")
    let job = try #require(Self.job(Fixture.press(&state, .enter)))
    let lines = Self.lines(job)
    #expect(
      lines == [
        "metric,resnet-lr-0.01,resnet-lr-0.1", "accuracy,0.95,0.91", "f1,0.9,0.875",
        "loss,0.125,0.25", "param:lr,0.01,0.1", "param:epochs,10,10",
      ])
    #expect(job.summary == "2 runs × 3 metrics")
  }

  @Test func yCopiesTheCursorRunsIdAndShowsIt() throws {
    var state = Self.state()
    Fixture.press(&state, .character("1"), .home)
    let id = try #require(state.cursorRun).id
    #expect(Fixture.press(&state, .character("y")) == .copy(id))
    #expect(state.message == "copied run id \(id)")
    Fixture.press(&state, .enter)
    #expect(Fixture.press(&state, .character("y")) == .copy(id))
  }

  @Test func theClipboardSequenceCarriesOnlyBase64OfTheCleanedText() {
    #expect(
      Clipboard.sequence(copying: "r1")
        == [0x1B, 0x5D] + Array("52;c;cjE=".utf8) + [0x07])
    // An id with an escape sequence: cleaned, then encoded; no control byte but ours.
    let hostile = Clipboard.sequence(copying: "a\u{1B}]52;c;evil\u{07}b")
    let payload = hostile.dropFirst(7).dropLast()
    #expect(!payload.contains { $0 < 0x20 || $0 == 0x7F })
    let decoded = Data(base64Encoded: Data(payload))!
    #expect(
      String(decoding: decoded, as: UTF8.self) == TextSanitizer.clean("a\u{1B}]52;c;evil\u{07}b"))
  }
}
