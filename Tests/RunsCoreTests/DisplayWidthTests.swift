import Testing

@testable import RunsCore

@Suite struct DisplayWidthTests {
  @Test(
    arguments: [
      ("", 0), ("abc", 3), ("日本語", 6), ("ｶﾀｶﾅ", 4), ("ＡＢ", 4), ("한국", 4), ("e\u{301}", 1),
      ("🚀", 2), ("👍🏽", 2), ("👩‍💻", 2), ("👨‍👩‍👧‍👦", 2), ("🇩🇪", 2), ("❤️", 2), ("1️⃣", 2),
      ("a\u{200B}b", 2), ("…", 1), ("✓", 1), ("◷", 1), ("\u{1B}", 0), ("a\tb", 2),
      ("accuracy-日本", 13), ("\u{FFFD}", 1), ("𠀀", 2),
    ])
  func widths(text: String, expected: Int) {
    #expect(DisplayWidth.of(text) == expected)
  }

  @Test func characterAndStringAgree() {
    for text in ["ab", "日本", "🚀x", "e\u{301}x"] {
      #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) })
    }
  }
}
