import RunsCore
import RunsOutput
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

  /// A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or
  /// a carriage return) starts with `'` inside quotes instead, as OWASP recommends; a number
  /// (`-0.5`, `+3`, `-1e-7`) stays a number.
  @Test(arguments: [
    ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
    ("=1+2", "\"'=1+2\""), ("+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\""),
    ("-2+3", "\"'-2+3\""), ("@SUM(A1)", "\"'@SUM(A1)\""), ("\t=1", "\"'\t=1\""),
    ("\r=1", "\"'\r=1\""), ("-Infinity", "\"'-Infinity\""), ("-", "\"'-\""),
    ("-0.5", "-0.5"), ("+3", "+3"), ("-1e-7", "-1e-7"), ("-.5", "-.5"), ("-12.", "-12."),
    ("a=1", "a=1"), ("lr-0.01", "lr-0.01"), ("0.5", "0.5"),
  ])
  func formulasAreNeutralized(input: String, expected: String) {
    #expect(CSVText.field(input) == expected)
  }
}
