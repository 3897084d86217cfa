import Testing

@testable import RunsCore

@Suite struct TextSanitizerTests {
  @Test func printableTextIsUnchanged() {
    for text in ["", "run-1", "accuracy score", "Ünïcödé 日本語 🚀", "a\u{301}", "x\u{200B}y"] {
      #expect(TextSanitizer.clean(text) == text)
    }
  }

  @Test func whitespaceControlsBecomeSpaces() {
    #expect(TextSanitizer.clean("a\tb\nc\rd") == "a b c d")
    #expect(TextSanitizer.clean("line1\r\nline2") == "line1 line2")
    #expect(TextSanitizer.clean("a\u{2028}b\u{2029}c") == "a b c")
  }

  @Test func escapeSequencesCannotReachTheTerminal() {
    let cleaned = TextSanitizer.clean("evil\u{1B}[2J\u{1B}]0;title\u{07}name")
    #expect(!cleaned.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    #expect(cleaned == "evil\u{FFFD}[2J\u{FFFD}]0;title\u{FFFD}name")
  }

  @Test func everyC0C1AndDELIsReplaced() {
    let spaced: Set<UInt32> = [0x09, 0x0A, 0x0D]
    let controls = Array(0x00..<0x20) + [0x7F] + Array(0x80...0x9F)
    for value in controls {
      let scalar = Unicode.Scalar(UInt32(value))!
      let cleaned = TextSanitizer.clean("a\(Character(scalar))b")
      let expected = spaced.contains(UInt32(value)) ? "a b" : "a\u{FFFD}b"
      #expect(cleaned == expected, "U+\(String(value, radix: 16))")
    }
  }

  @Test func bidiControlsAreReplaced() {
    let bidi: [UInt32] =
      [
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F,
        0x061C,
      ]
    for value in bidi {
      let scalar = Unicode.Scalar(value)!
      #expect(TextSanitizer.clean("x\(Character(scalar))y") == "x\u{FFFD}y")
    }
  }

  /// Nothing dangerous survives whatever the input; printable scalars all do.
  @Test func randomInputNeverKeepsAControl() {
    var generator = SeededRandom(seed: 7)
    let pool: [UInt32] = [
      0x00, 0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x41, 0x7F, 0x85, 0x9B, 0xE9, 0x202E,
      0x2067, 0x4E2D, 0x1F680, 0x301,
    ]
    for _ in 0..<500 {
      var scalars = String.UnicodeScalarView()
      for _ in 0..<(generator.next() % 12) {
        scalars.append(Unicode.Scalar(pool[Int(generator.next() % UInt64(pool.count))])!)
      }
      let input = String(scalars)
      let cleaned = TextSanitizer.clean(input)
      #expect(
        !cleaned.unicodeScalars.contains { isDangerous($0.value) }, "\(input.debugDescription)")
      let keptInput = input.unicodeScalars.filter { !isDangerous($0.value) }
      let keptOutput = cleaned.unicodeScalars.filter { $0 != " " && $0 != "\u{FFFD}" }
      #expect(keptInput.count == keptOutput.count)
    }
  }

  private func isDangerous(_ value: UInt32) -> Bool {
    value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
      || (0x2066...0x2069).contains(value)
  }
}
