import Testing

@testable import RunsCore

@Suite struct JSONTextTests {
  @Test(arguments: [
    ("plain", #""plain""#),
    ("", #""""#),
    ("a\"b\\c", #""a\"b\\c""#),
    ("line\nbreak\ttab\r\u{8}\u{C}", #""line\nbreak\ttab\r\b\f""#),
    ("\u{1B}[31mred", #""\u001b[31mred""#),
    ("nul\u{0}del\u{7F}", #""nul\u0000del\u007f""#),
    ("c1\u{9B}2J\u{85}", #""c1\u009b2J\u0085""#),
    ("bidi\u{202E}\u{2066}\u{200F}\u{61C}", #""bidi\u202e\u2066\u200f\u061c""#),
    ("sep\u{2028}\u{2029}\u{FEFF}", #""sep\u2028\u2029\ufeff""#),
    ("é日😀", "\"é日😀\""),
  ])
  func quotesLikeJSONWithControlsEscaped(text: String, expected: String) {
    #expect(JSONText.quoted(text) == expected)
  }

  @Test func quotedTextParsesBackToTheOriginal() throws {
    let text = "a\u{1B}\u{9B}\u{202E}\"\\\n😀"
    #expect(try JSONParser.parse(JSONText.quoted(text)) == .string(text))
  }

  @Test func cutsLongTextAfterTheLimit() {
    #expect(JSONText.quoted("abcdef", limit: 3) == #""abc"…"#)
    #expect(JSONText.quoted("abc", limit: 3) == #""abc""#)
    #expect(JSONText.quoted("\u{1B}\u{1B}", limit: 1) == #""\u001b"…"#)
  }
}
