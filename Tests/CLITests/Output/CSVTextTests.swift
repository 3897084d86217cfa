import RunsCore
import Testing

@Suite struct CSVTextTests {
  @Test(arguments: [
    ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ("two\nlines", "\"two\nlines\""), ("cr\r", "\"cr\r\""), (" padded ", " padded "),
  ])
  func fieldsAreQuotedOnlyWhenNeeded(input: String, expected: String) {
    #expect(CSVText.field(input) == expected)
  }

  @Test func lineJoinsWithCommasAndEndsWithNewline() {
    #expect(CSVText.line(["a", "b,c", ""]) == "a,\"b,c\",\n")
  }
}
