import Testing

@testable import RunsCore

/// Parses `text` expecting failure, returning the error.
private func parseError(_ text: String) -> JSONParseError? {
  parseError(Array(text.utf8))
}

private func parseError(_ bytes: [UInt8]) -> JSONParseError? {
  do {
    _ = try JSONParser.parse(bytes)
    return nil
  } catch {
    return error
  }
}

@Suite struct JSONParserTests {
  @Test func parsesEveryKindOfValue() throws {
    let value = try JSONParser.parse(
      #"{"a": [1, -2.5, 3e2, true, false, null, "x"], "b": {}, "c": [], "d": {"e": "f"}}"#)
    let object = try #require(value.objectValue)
    #expect(object.members.map(\.key) == ["a", "b", "c", "d"])
    #expect(
      value["a"]
        == .array([
          .number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null, .string("x"),
        ]))
    #expect(value["b"] == .object(JSONObject()))
    #expect(value["c"] == .array([]))
    #expect(value["d"]?["e"] == .string("f"))
  }

  /// The last value wins, as in Go's `encoding/json`, which KFP's server decodes with.
  @Test func keepsDuplicateKeysInOrderAndLooksUpTheLast() throws {
    let value = try JSONParser.parse(#"{"k": 1, "k": 2}"#)
    #expect(value.objectValue?.members.count == 2)
    #expect(value["k"] == .number(2))
  }

  @Test func scalarsAtTopLevel() throws {
    #expect(try JSONParser.parse("  42 ") == .number(42))
    #expect(try JSONParser.parse(#""s""#) == .string("s"))
    #expect(try JSONParser.parse("null") == .null)
  }

  @Test(arguments: [
    ("0", 0.0), ("-0", -0.0), ("1", 1), ("0.1", 0.1), ("-0.573", -0.573), ("1e21", 1e21),
    ("1E-7", 1e-7), ("123456789.98765", 123_456_789.98765), ("2.5e+3", 2500),
    ("9007199254740993", 9_007_199_254_740_992), ("0.30000000000000004", 0.30000000000000004),
    ("1.7976931348623157e308", 1.7976931348623157e308), ("5e-324", Double.leastNonzeroMagnitude),
    ("12345678901234567890123", 1.2345678901234567890123e22),
    ("0.000000000000000000000000001", 1e-27),
  ])
  func numbersAreCorrectlyRounded(text: String, expected: Double) throws {
    let value = try #require(try JSONParser.parse(text).numberValue)
    #expect(value == expected)
    #expect(value.sign == expected.sign)
  }

  @Test func hugeExponentsBecomeInfinityOrZero() throws {
    #expect(try JSONParser.parse("1e400") == .number(.infinity))
    #expect(try JSONParser.parse("-1e400") == .number(-.infinity))
    #expect(try JSONParser.parse("1e-400") == .number(0))
    #expect(try JSONParser.parse("1e99999999999999999999") == .number(.infinity))
  }

  @Test func bareNaNAndInfinityTokensAreNumbers() throws {
    let value = try JSONParser.parse("[NaN, Infinity, -Infinity]")
    let numbers = try #require(value.arrayValue).compactMap { $0.numberValue }
    #expect(numbers.count == 3)
    #expect(numbers[0].isNaN)
    #expect(numbers[1] == .infinity)
    #expect(numbers[2] == -.infinity)
  }

  @Test(arguments: [
    "01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "-a", "nan", "inf", "--1", "1.e3",
  ])
  func rejectsNumbersOutsideTheGrammar(text: String) {
    #expect(parseError(text) != nil)
  }

  @Test func decodesEscapes() throws {
    let value = try JSONParser.parse(#""a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u20ac\ud83d\ude00""#)
    #expect(value == .string("a\"b\\c/d\u{8}\u{C}\n\r\tAé€😀"))
  }

  @Test func loneSurrogatesBecomeReplacementCharacters() throws {
    #expect(try JSONParser.parse(#""\ud83d""#) == .string("\u{FFFD}"))
    #expect(try JSONParser.parse(#""\ude00x""#) == .string("\u{FFFD}x"))
    #expect(try JSONParser.parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"))
    #expect(try JSONParser.parse(#""\ud83d\ud83d\ude00""#) == .string("\u{FFFD}😀"))
  }

  @Test func keepsMultibyteUTF8() throws {
    #expect(try JSONParser.parse("\"héllo 日本 😀\"") == .string("héllo 日本 😀"))
    #expect(try JSONParser.parse("\"é\\n日\"") == .string("é\n日"))
  }

  @Test func reportsInvalidEscapes() throws {
    let bad = try #require(parseError(#"["ab\x"]"#))
    #expect(bad.reason == "invalid escape")
    #expect((bad.line, bad.column) == (1, 6))
    let hex = try #require(parseError(#""\u12G4""#))
    #expect(hex.reason.contains("\\u escape"))
    #expect(hex.column == 6)
  }

  @Test func rejectsRawControlCharactersInStrings() throws {
    let error = try #require(parseError("\"a\u{1B}b\""))
    #expect(error.reason == "unescaped control character in string")
    #expect(error.column == 3)
  }

  @Test func reportsInvalidUTF8WithItsPosition() throws {
    // Line 2 is `  "ab` then 0xFF: the bad byte is its 6th.
    var bytes = Array("{\"k\":\n  \"ab".utf8)
    bytes.append(0xFF)
    bytes += Array("\"}".utf8)
    let error = try #require(parseError(bytes))
    #expect(error.reason == "invalid UTF-8")
    #expect((error.line, error.column) == (2, 6))
  }

  @Test(
    arguments: [
      [0xC0, 0x80],  // overlong NUL
      [0xE0, 0x80, 0x80],  // overlong
      [0xED, 0xA0, 0x80],  // UTF-16 surrogate
      [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
      [0xE2, 0x82],  // truncated
      [0x80],  // stray continuation byte
    ] as [[UInt8]])
  func rejectsMalformedUTF8(sequence: [UInt8]) throws {
    for prefix in ["\"", "\"\\n"] {  // both the fast and the escaped path
      let error = try #require(parseError(Array(prefix.utf8) + sequence + Array("\"".utf8)))
      #expect(error.reason == "invalid UTF-8")
      #expect(error.column == prefix.utf8.count + 1)
    }
  }

  @Test func emptyInputIsAnError() throws {
    #expect(parseError("")?.reason == "empty input")
    #expect(parseError(" \n\t ")?.reason == "empty input")
    #expect(parseError([0xEF, 0xBB, 0xBF])?.reason == "empty input")
  }

  @Test func skipsALeadingByteOrderMark() throws {
    let value = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8))
    #expect(value["a"] == .number(1))
    // Columns after the mark count as an editor shows them.
    let error = try #require(parseError([0xEF, 0xBB, 0xBF] + Array("{x".utf8)))
    #expect((error.line, error.column) == (1, 2))
  }

  @Test func aByteOrderMarkElsewhereIsAnError() {
    #expect(parseError(Array(" ".utf8) + [0xEF, 0xBB, 0xBF] + Array("1".utf8)) != nil)
  }

  @Test func acceptsCRLFLineEnds() throws {
    let value = try JSONParser.parse("{\r\n  \"a\": [1,\r\n 2]\r\n}\r\n")
    #expect(value["a"] == .array([.number(1), .number(2)]))
    let error = try #require(parseError("{\r\n  \"a\": [1,\r\n 2 x"))
    #expect((error.line, error.column) == (3, 4))
  }

  @Test func truncatedInputReportsLineAndColumn() throws {
    let error = try #require(parseError("{\n  \"metrics\": [\n    {\"name\": \"a\""))
    #expect(error.reason == "unexpected end of input")
    #expect((error.line, error.column) == (3, 17))
    #expect(error.description == "line 3:17: unexpected end of input")
  }

  @Test(arguments: [
    (#"{"a" 1}"#, "expected ':'", 6),
    (#"{"a": 1 "b": 2}"#, "expected ',' or '}'", 9),
    ("[1 2]", "expected ',' or ']'", 4),
    ("{a: 1}", "expected a string key in double quotes", 2),
    (#"{"a": 1,}"#, "expected a string key in double quotes", 9),
    ("[1,]", "expected a value but found ']'", 4),
    ("tru", "unexpected end of input", 4),
    ("trux", "invalid literal (expected 'true')", 4),
    ("[1] x", "unexpected data after the JSON value", 5),
    ("{} {}", "unexpected data after the JSON value", 4),
    ("\u{7}", "expected a value but found byte 0x07", 1),
  ])
  func reportsSyntaxErrors(text: String, reason: String, column: Int) throws {
    let error = try #require(parseError(text))
    #expect(error.reason == reason)
    #expect(error.line == 1)
    #expect(error.column == column)
  }

  @Test func nestingUpToTheLimitParses() throws {
    let depth = JSONParser.maximumDepth
    let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    var value = try JSONParser.parse(text)
    var levels = 0
    while let inner = value.arrayValue {
      levels += 1
      guard let first = inner.first else { break }
      value = first
    }
    #expect(levels == depth)
  }

  @Test func nestingPastTheLimitIsAnErrorNotACrash() throws {
    let limit = JSONParser.maximumDepth
    let justOver =
      String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
    let error = try #require(parseError(justOver))
    #expect(error.reason == "nesting deeper than 512 levels")
    #expect(error.column == limit + 1)

    #expect(
      parseError(String(repeating: "[", count: 200_000))?.reason == "nesting deeper than 512 levels"
    )
    #expect(
      parseError(String(repeating: "{\"a\":", count: 200_000))?.reason
        == "nesting deeper than 512 levels")
  }

  @Test func parsesSlicesAndStrings() throws {
    let bytes = Array("[1]\n{\"a\": true}\n".utf8)
    let second = bytes[4..<15]
    #expect(try JSONParser.parse(second)["a"] == .bool(true))
    var caught: JSONParseError?
    do {
      _ = try JSONParser.parse(bytes[4..<9])
    } catch {
      caught = error
    }
    let error = try #require(caught)
    #expect((error.line, error.column) == (1, 6))
  }

  @Test func randomBytesNeverCrash() {
    var generator = SeededRandom(seed: 0x5EED)
    let alphabet =
      Array(#"{}[]":,-+.0123456789eEtrufalsn NaInfy\u"#.utf8) + [
        0x0A, 0x80, 0xC3, 0xA9, 0xFF, 0x00,
      ]
    var parsed = 0
    for _ in 0..<5_000 {
      let length = Int.random(in: 0..<64, using: &generator)
      let bytes = (0..<length).map { _ in
        Bool.random(using: &generator)
          ? alphabet.randomElement(using: &generator)!
          : UInt8.random(in: 0...255, using: &generator)
      }
      if (try? JSONParser.parse(bytes)) != nil { parsed += 1 }
    }
    // Mostly garbage, but the loop must have run (and nothing crashed).
    #expect(parsed < 5_000)
  }

  @Test func mutatedValidDocumentsNeverCrash() {
    var generator = SeededRandom(seed: 42)
    let valid = Array(
      #"{"metrics": [{"name": "accuracy-score", "numberValue": 0.91, "format": "PERCENTAGE"}, {"name": "é\u00e9", "numberValue": -1.5e3}]}"#
        .utf8)
    #expect((try? JSONParser.parse(valid)) != nil)
    for _ in 0..<5_000 {
      var bytes = valid
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let position = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
        case 1: bytes.remove(at: position)
        default: bytes.removeSubrange(position...)
        }
        if bytes.isEmpty { break }
      }
      if let error = parseError(bytes) {
        #expect(error.line >= 1 && error.column >= 1)
      }
    }
  }
}
