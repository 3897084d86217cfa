import Testing

@testable import RunsUI

/// How a grid cell's text is split into the screen cells of a curses-like terminal.
@Suite struct TerminalCellTextTests {
  /// A C library's measure for the characters these tests use: combining marks, variation
  /// selectors and the joiner take no column, CJK and emoji two, a regional indicator one
  /// (as glibc's `wcwidth`), U+0378 (unassigned) cannot be shown.
  static func width(_ value: UInt32) -> Int {
    switch value {
    case 0x300...0x36F, 0x200D, 0xFE0F: 0
    case 0x378: -1
    case 0x4E00...0x9FFF, 0x1F300...0x1FAFF: 2
    default: 1
    }
  }

  static func pieces(_ text: String, cells: Int, limit: Int = 4, unicode: Bool = true)
    -> [TerminalCellText.Piece]
  {
    TerminalCellText.pieces(of: text, cells: cells, limit: limit, unicode: unicode, width: width)
  }

  @Test func aPlainCharacterIsOnePiece() {
    #expect(Self.pieces("a", cells: 1) == [.init([0x61], column: 0)])
    #expect(Self.pieces("中", cells: 2) == [.init([0x4E2D], column: 0)])
  }

  @Test func marksStayWithTheirCharacter() {
    #expect(Self.pieces("e\u{301}", cells: 1) == [.init([0x65, 0x301], column: 0)])
  }

  /// A cell holds `limit` characters: marks beyond it are dropped, never spilled.
  @Test func marksBeyondTheLimitAreDropped() {
    let text = "e" + String(repeating: "\u{301}", count: 6)
    #expect(Self.pieces(text, cells: 1, limit: 3) == [.init([0x65, 0x301, 0x301], column: 0)])
  }

  /// A flag's two regional indicators, one column each, fill its two columns.
  @Test func aFlagIsDrawnWhole() {
    #expect(
      Self.pieces("🇩🇪", cells: 2) == [.init([0x1F1E9], column: 0), .init([0x1F1EA], column: 1)])
  }

  /// A joined sequence the terminal measures wider than the grid: its first character only,
  /// without the joiner after it.
  @Test func aJoinedSequenceKeepsItsFirstCharacter() {
    #expect(Self.pieces("👨\u{200D}👩", cells: 2) == [.init([0x1F468], column: 0)])
  }

  /// Where the terminal and the grid disagree, a replacement keeps later cells in place.
  @Test func aDisagreementIsReplacedAtTheGridsWidth() {
    #expect(Self.pieces("中", cells: 1) == [.init([0xFFFD], column: 0)])
    #expect(Self.pieces("\u{378}", cells: 1, unicode: false) == [.init([0x3F], column: 0)])
    #expect(
      Self.pieces("\u{378}", cells: 2) == [.init([0xFFFD], column: 0), .init([0x20], column: 1)])
    #expect(Self.pieces("a", cells: 2) == [.init([0x61], column: 0), .init([0x20], column: 1)])
  }

  /// A control character never reaches the terminal, even one that slipped into a grid.
  @Test func controlCharactersBecomeQuestionMarks() {
    #expect(Self.pieces("\u{1B}", cells: 1) == [.init([0x3F], column: 0)])
    #expect(Self.pieces("\u{9B}", cells: 1) == [.init([0x3F], column: 0)])
  }

  @Test func anEmptyCellIsAReplacement() {
    #expect(Self.pieces("", cells: 1) == [.init([0xFFFD], column: 0)])
  }
}
