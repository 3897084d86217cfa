import Testing

@testable import RunsUI

/// What the terminal's input means before the key map sees it, and when it is gone.
@Suite struct TerminalInputTests {
  @Test func controlCharactersAreTheKeysTheyStandFor() {
    #expect(Key(terminalCharacter: 10) == .enter)
    #expect(Key(terminalCharacter: 13) == .enter)
    #expect(Key(terminalCharacter: 9) == .tab)
    #expect(Key(terminalCharacter: 27) == .escape)
    #expect(Key(terminalCharacter: 8) == .backspace)
    #expect(Key(terminalCharacter: 127) == .backspace)
    #expect(Key(terminalCharacter: 3) == .control("c"))
    #expect(Key(terminalCharacter: 26) == .control("z"))
  }

  @Test func printableCharactersAreCharacters() {
    #expect(Key(terminalCharacter: 0x20) == .character(" "))
    #expect(Key(terminalCharacter: 0x71) == .character("q"))
    #expect(Key(terminalCharacter: 0xE9) == .character("é"))
    #expect(Key(terminalCharacter: 0x1F600) == .character("😀"))
  }

  @Test func otherControlsAndNonCharactersAreDropped() {
    #expect(Key(terminalCharacter: 0) == nil)
    #expect(Key(terminalCharacter: 28) == nil)
    #expect(Key(terminalCharacter: 0x85) == nil)
    #expect(Key(terminalCharacter: 0x9B) == nil)
    #expect(Key(terminalCharacter: 0xD800) == nil)
    #expect(Key(terminalCharacter: 0x110000) == nil)
  }

  /// Reads that fail at once, fifty in a row, mean the terminal is gone; one that waits or
  /// gets input starts the count again.
  @Test func inputIsLostAfterFiftyImmediateFailures() {
    var input = LostInput()
    for _ in 0..<49 { input.readFailed(waited: 0, timeout: 100) }
    #expect(!input.isLost)
    input.readSucceeded()
    for _ in 0..<49 { input.readFailed(waited: 24, timeout: 100) }
    input.readFailed(waited: 25, timeout: 100)
    #expect(!input.isLost)
    for _ in 0..<50 { input.readFailed(waited: 1, timeout: 100) }
    #expect(input.isLost)
  }

  /// A read that waits forever, or not at all, says nothing about the terminal.
  @Test func readsWithoutATimeoutDoNotCount() {
    var input = LostInput()
    for _ in 0..<100 { input.readFailed(waited: 0, timeout: -1) }
    for _ in 0..<100 { input.readFailed(waited: 0, timeout: 0) }
    #expect(!input.isLost)
  }
}
