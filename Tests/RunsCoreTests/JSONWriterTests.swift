import RunsCore
import Testing

@Suite struct JSONWriterTests {
  @Test func nestedValuesAreIndentedLikeJq() {
    let value = JSONValue.object(
      JSONObject(members: [
        .init(key: "a", value: .array([.number(1), .bool(true), .null])),
        .init(key: "b", value: .object(JSONObject())),
        .init(key: "c", value: .array([])),
      ]))
    #expect(
      JSONWriter.text(value) == """
        {
          "a": [
            1,
            true,
            null
          ],
          "b": {},
          "c": []
        }

        """)
  }

  @Test func numbersAreShortestRoundTripAndNonFiniteIsNull() {
    #expect(
      JSONWriter.text(.array([.number(24), .number(0.91), .number(.nan)]))
        == "[\n  24,\n  0.91,\n  null\n]\n")
    #expect(JSONWriter.text(.number(-.infinity)) == "null\n")
  }

  @Test(arguments: [
    ("plain", "\"plain\""), ("q\"b\\", "\"q\\\"b\\\\\""), ("a\nb\tc\r", "\"a\\nb\\tc\\r\""),
    ("\u{1B}[31m", "\"\\u001b[31m\""), ("\u{7F}\u{9B}", "\"\\u007f\\u009b\""),
    ("\u{202E}x\u{2028}", "\"\\u202ex\\u2028\""), ("日本 ✓", "\"日本 ✓\""),
  ])
  func stringsAreEscapedSoTerminalsStaySafe(input: String, expected: String) {
    #expect(JSONWriter.quoted(input) == expected)
  }

  @Test func outputParsesBackToTheSameValue() throws {
    let value = JSONValue.array([
      .string("\u{1B}]0;title\u{7}"), .number(-0.573), .number(1e21), .string("日本"),
    ])
    #expect(try JSONParser.parse(JSONWriter.text(value)) == value)
  }
}
