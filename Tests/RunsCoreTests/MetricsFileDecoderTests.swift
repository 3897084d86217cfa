import Testing

@testable import RunsCore

private let path = "run-1/train/mlpipeline-metrics.json"

private func decode(_ text: String, nodeID: String = "train") -> MetricsFileResult {
  MetricsFileDecoder.decode(Array(text.utf8), path: path, nodeID: nodeID)
}

/// A file with the given entries (each a JSON object's text).
private func file(_ entries: String...) -> String {
  #"{"metrics": ["# + entries.joined(separator: ", ") + "]}"
}

/// Whether any text contains a raw control, C1 or bidi character.
private func hasRawControl(_ text: String) -> Bool {
  text.unicodeScalars.contains { JSONText.needsEscape($0) }
}

@Suite struct MetricsFileDecoderTests {
  // MARK: Valid files

  @Test func decodesTheDocumentedExample() {
    let result = decode(
      #"{"metrics": [{"name": "accuracy-score", "numberValue": 0.91, "format": "PERCENTAGE"}]}"#)
    #expect(result.problems.isEmpty)
    #expect(
      result.metrics == [
        Metric(name: "accuracy-score", nodeID: "train", value: 0.91, format: .percentage)
      ])
  }

  @Test func formatsAbsentRawAndPercentage() {
    let result = decode(
      file(
        #"{"name": "a", "numberValue": 1}"#, #"{"name": "b", "numberValue": 2, "format": "RAW"}"#,
        #"{"name": "c", "numberValue": 3, "format": "PERCENTAGE"}"#,
        #"{"name": "d", "numberValue": 4, "format": null}"#))
    #expect(result.problems.isEmpty)
    #expect(result.metrics.map(\.format) == [.unspecified, .raw, .percentage, .unspecified])
    #expect(result.metrics.map(\.value) == [1, 2, 3, 4])
    #expect(result.metrics.allSatisfy { $0.nodeID == "train" })
  }

  @Test func unknownKeysAreIgnored() {
    let result = decode(
      #"{"version": 2, "metrics": [{"name": "loss", "numberValue": -0.5, "unit": "nats", "extra": {"x": [1]}}]}"#
    )
    #expect(result.problems.isEmpty)
    #expect(result.metrics.map(\.name) == ["loss"])
  }

  @Test func acceptsTheProtoFieldNameNumberValue() {
    let result = decode(file(#"{"name": "a", "number_value": 0.25}"#))
    #expect(result.problems.isEmpty)
    #expect(result.metrics.first?.value == 0.25)
  }

  @Test func emptyMetricsArrayIsFine() {
    let result = decode(#"{"metrics": []}"#)
    #expect(result.metrics.isEmpty)
    #expect(result.problems.isEmpty)
  }

  @Test func byteOrderMarkAndCRLFAreAccepted() {
    let text = "{\r\n  \"metrics\": [\r\n    {\"name\": \"a\", \"numberValue\": 1}\r\n  ]\r\n}\r\n"
    let result = MetricsFileDecoder.decode(
      [0xEF, 0xBB, 0xBF] + Array(text.utf8), path: path, nodeID: ".")
    #expect(result.problems.isEmpty)
    #expect(result.metrics == [Metric(name: "a", nodeID: ".", value: 1, format: .unspecified)])
  }

  // MARK: File-level problems

  @Test func invalidJSONSkipsTheFileWithLineAndColumn() throws {
    let result = decode(
      "{\"metrics\": [\n  {\"name\": \"a\", \"numberValue\": 1},\n  {\"name\": \"b\"")
    #expect(result.metrics.isEmpty)
    let problem = try #require(result.problems.first)
    #expect(result.problems.count == 1)
    #expect(problem.severity == .error)
    #expect(problem.entry == nil)
    #expect(problem.location == path)
    #expect(
      problem.message == "invalid JSON at line 3:15: unexpected end of input; the file is skipped")
  }

  @Test func emptyFileIsAnError() throws {
    for text in ["", "  \n"] {
      let result = decode(text)
      #expect(result.metrics.isEmpty)
      #expect(result.problems.map(\.severity) == [.error])
      #expect(result.problems.first?.message == "the file is empty, not JSON; the file is skipped")
    }
  }

  @Test func invalidUTF8InAStringIsReportedWithItsPosition() throws {
    let bytes =
      Array(#"{"metrics": [{"name": "a"#.utf8) + [0xC3, 0x28]
      + Array(#"", "numberValue": 1}]}"#.utf8)
    let result = MetricsFileDecoder.decode(bytes, path: path, nodeID: "n")
    #expect(result.metrics.isEmpty)
    #expect(
      result.problems.first?.message
        == "invalid JSON at line 1:25: invalid UTF-8; the file is skipped")
  }

  @Test func deepNestingIsAnErrorNotACrash() throws {
    let result = decode(#"{"metrics": "# + String(repeating: "[", count: 200_000))
    #expect(result.metrics.isEmpty)
    let message = try #require(result.problems.first?.message)
    #expect(
      message == "invalid JSON at line 1:524: nesting deeper than 512 levels; the file is skipped")
  }

  @Test func topLevelArrayIsSkipped() {
    let result = decode(#"[{"name": "a", "numberValue": 1}]"#)
    #expect(result.metrics.isEmpty)
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.severity == .error)
    #expect(
      result.problems.first?.message
        == "the top level is an array, not an object with a \"metrics\" array; the file is skipped")
  }

  @Test(arguments: [
    (
      "42", "the top level is a number, not an object with a \"metrics\" array; the file is skipped"
    ),
    ("null", "the top level is null, not an object with a \"metrics\" array; the file is skipped"),
    (#"{"metric": []}"#, "the top-level object has no \"metrics\" array; the file is skipped"),
    (#"{"metrics": {"name": "a"}}"#, "\"metrics\" is an object, not an array; the file is skipped"),
    (#"{"metrics": "a"}"#, "\"metrics\" is a string, not an array; the file is skipped"),
    (#"{"metrics": null}"#, "\"metrics\" is null, not an array; the file is skipped"),
  ])
  func wrongShapesSkipTheFile(text: String, message: String) {
    let result = decode(text)
    #expect(result.metrics.isEmpty)
    #expect(result.problems == [Problem(location: path, severity: .error, message: message)])
  }

  @Test func tooLargeFilesAreSkipped() throws {
    var bytes = Array(#"{"metrics": [{"name": "a", "numberValue": 1}]}"#.utf8)
    bytes += [UInt8](repeating: 0x20, count: MetricsFileDecoder.maximumFileSize - bytes.count)
    #expect(MetricsFileDecoder.decode(bytes, path: path, nodeID: "n").metrics.count == 1)
    bytes.append(0x20)
    let result = MetricsFileDecoder.decode(bytes, path: path, nodeID: "n")
    #expect(result.metrics.isEmpty)
    #expect(
      result.problems.first?.message
        == "the file is 16777217 bytes, larger than the 16 MiB limit; the file is skipped")
  }

  // MARK: Entries

  @Test func aValidEntryNextToAnInvalidOneIsKept() {
    let result = decode(
      file(
        #"{"name": "bad name", "numberValue": 1}"#, #"{"name": "good", "numberValue": 2}"#,
        #"{"name": "nan", "numberValue": NaN}"#))
    #expect(result.metrics.map(\.name) == ["good"])
    #expect(result.problems.map(\.entry) == [0, 2])
    #expect(result.problems.allSatisfy { $0.severity == .error && $0.location == path })
  }

  @Test func anEntryThatIsNotAnObjectIsAnError() {
    let result = decode(file(#""accuracy""#, "[]", "null", #"{"name": "a", "numberValue": 1}"#))
    #expect(result.metrics.map(\.name) == ["a"])
    #expect(
      result.problems.map(\.message) == [
        "the entry is a string, not an object; entry skipped",
        "the entry is an array, not an object; entry skipped",
        "the entry is null, not an object; entry skipped",
      ])
    #expect(result.problems.map(\.entry) == [0, 1, 2])
  }

  @Test(arguments: [
    (#"{"numberValue": 1}"#, "\"name\" is missing; entry skipped"),
    (#"{"name": 7, "numberValue": 1}"#, "\"name\" is a number, not a string; entry skipped"),
    (#"{"name": null, "numberValue": 1}"#, "\"name\" is null, not a string; entry skipped"),
    (
      #"{"name": "", "numberValue": 1}"#,
      #"name "" does not match ^[a-zA-Z]([-_a-zA-Z0-9]{0,62}[a-zA-Z0-9])?$ (it is empty); entry skipped"#
    ),
    (
      #"{"name": "1st", "numberValue": 1}"#,
      #"name "1st" does not match ^[a-zA-Z]([-_a-zA-Z0-9]{0,62}[a-zA-Z0-9])?$ (it must start with a letter); entry skipped"#
    ),
    (
      #"{"name": "loss-", "numberValue": 1}"#,
      #"name "loss-" does not match ^[a-zA-Z]([-_a-zA-Z0-9]{0,62}[a-zA-Z0-9])?$ (it must end with a letter or a digit); entry skipped"#
    ),
    (
      #"{"name": "a_", "numberValue": 1}"#,
      #"name "a_" does not match ^[a-zA-Z]([-_a-zA-Z0-9]{0,62}[a-zA-Z0-9])?$ (it must end with a letter or a digit); entry skipped"#
    ),
    (
      #"{"name": "accuracy score", "numberValue": 1}"#,
      #"name "accuracy score" does not match ^[a-zA-Z]([-_a-zA-Z0-9]{0,62}[a-zA-Z0-9])?$ (it contains " "); entry skipped"#
    ),
    (
      #"{"name": "précision", "numberValue": 1}"#,
      #"name "précision" does not match ^[a-zA-Z]([-_a-zA-Z0-9]{0,62}[a-zA-Z0-9])?$ (it contains "é"); entry skipped"#
    ),
    (
      #"{"name": "a.b", "numberValue": 1}"#,
      #"name "a.b" does not match ^[a-zA-Z]([-_a-zA-Z0-9]{0,62}[a-zA-Z0-9])?$ (it contains "."); entry skipped"#
    ),
  ])
  func badNamesSkipTheEntry(entry: String, message: String) {
    let result = decode(file(entry, #"{"name": "kept", "numberValue": 1}"#))
    #expect(result.metrics.map(\.name) == ["kept"])
    #expect(
      result.problems == [Problem(location: path, entry: 0, severity: .error, message: message)])
  }

  @Test func nameLengthLimitIs64() {
    let name64 = "a" + String(repeating: "b", count: 62) + "c"
    let name65 = "a" + String(repeating: "b", count: 63) + "c"
    #expect(name64.count == 64 && name65.count == 65)
    let result = decode(
      file(
        #"{"name": "\#(name64)", "numberValue": 1}"#, #"{"name": "\#(name65)", "numberValue": 2}"#))
    #expect(result.metrics.map(\.name) == [name64])
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.entry == 1)
    #expect(
      result.problems.first?.message.contains("(it is 65 characters long, more than 64)") == true)
    #expect(decode(file(#"{"name": "x", "numberValue": 1}"#)).metrics.count == 1)
  }

  @Test func longNamesAreCutInMessages() throws {
    let name = String(repeating: "a", count: 500)
    let result = decode(file(#"{"name": "\#(name)", "numberValue": 1}"#))
    let message = try #require(result.problems.first?.message)
    #expect(message.contains("\"" + String(repeating: "a", count: 80) + "\"… does not match"))
    #expect(message.contains("(it is 500 characters long, more than 64)"))
  }

  @Test func aNameWithAnEscapeCharacterIsReportedWithoutTheRawEscape() throws {
    // ESC [ 2 J clears the screen. A raw ESC byte is already invalid JSON, so the name carries
    // it as a `\u` escape; C1 (one-byte CSI), bidi override and NUL likewise.
    let result = decode(
      file(
        #"{"name": "acc\u001b[2Jx", "numberValue": 1}"#, #"{"name": "a\u009bb", "numberValue": 1}"#,
        "{\"name\": \"a\u{202E}b\", \"numberValue\": 1}", #"{"name": "a\u0000", "numberValue": 1}"#)
    )
    #expect(result.metrics.isEmpty)
    let messages = result.problems.map(\.message)
    #expect(messages.count == 4)
    #expect(messages[0].contains(#"name "acc\u001b[2Jx" does not match"#))
    #expect(messages[0].contains(#"(it contains "\u001b")"#))
    #expect(messages[1].contains(#"name "a\u009bb""#))
    #expect(messages[2].contains(#"name "a\u202eb""#))
    #expect(messages[3].contains(#"name "a\u0000""#))
    for message in messages {
      #expect(!hasRawControl(message))
    }
  }

  @Test func uppercaseAndUnderscoreNamesAreKeptWithAWarning() {
    let result = decode(
      file(
        #"{"name": "Accuracy", "numberValue": 0.5}"#, #"{"name": "f1_score", "numberValue": 0.7}"#,
        #"{"name": "recall", "numberValue": 0.9}"#))
    #expect(result.metrics.map(\.name) == ["Accuracy", "f1_score", "recall"])
    #expect(result.problems.map(\.severity) == [.warning, .warning])
    #expect(result.problems.map(\.entry) == [0, 1])
    #expect(
      result.problems.map(\.message) == [
        #"name "Accuracy" does not follow the documented pattern ^[a-z]([-a-z0-9]{0,62}[a-z0-9])?$ (the KFP server accepts it)"#,
        #"name "f1_score" does not follow the documented pattern ^[a-z]([-a-z0-9]{0,62}[a-z0-9])?$ (the KFP server accepts it)"#,
      ])
  }

  @Test(arguments: [
    ("NaN", "\"numberValue\" is not a finite number (it reads as NaN); entry skipped"),
    ("Infinity", "\"numberValue\" is not a finite number (it reads as Infinity); entry skipped"),
    ("-Infinity", "\"numberValue\" is not a finite number (it reads as -Infinity); entry skipped"),
    ("1e400", "\"numberValue\" is not a finite number (it reads as Infinity); entry skipped"),
    ("-1e400", "\"numberValue\" is not a finite number (it reads as -Infinity); entry skipped"),
    (#""NaN""#, #""numberValue" is the string "NaN", not a number; entry skipped"#),
    (#""Infinity""#, #""numberValue" is the string "Infinity", not a number; entry skipped"#),
    (#""-Infinity""#, #""numberValue" is the string "-Infinity", not a number; entry skipped"#),
    (#""0.5""#, #""numberValue" is the string "0.5", not a number; entry skipped"#),
    ("true", "\"numberValue\" is a boolean, not a number; entry skipped"),
    ("null", "\"numberValue\" is null, not a number; entry skipped"),
    ("[1]", "\"numberValue\" is an array, not a number; entry skipped"),
  ])
  func badValuesSkipTheEntry(value: String, message: String) {
    let result = decode(
      file(#"{"name": "good", "numberValue": 1}"#, #"{"name": "bad", "numberValue": \#(value)}"#))
    #expect(result.metrics.map(\.name) == ["good"])
    #expect(
      result.problems == [Problem(location: path, entry: 1, severity: .error, message: message)])
  }

  @Test func missingValueIsAnError() {
    let result = decode(file(#"{"name": "a"}"#))
    #expect(result.metrics.isEmpty)
    #expect(
      result.problems == [
        Problem(
          location: path, entry: 0, severity: .error,
          message: "\"numberValue\" is missing; entry skipped")
      ])
  }

  @Test func tinyAndExtremeFiniteValuesAreKept() {
    let result = decode(
      file(
        #"{"name": "a", "numberValue": 1e-400}"#,
        #"{"name": "b", "numberValue": -1.7976931348623157e308}"#,
        #"{"name": "c", "numberValue": -0.0}"#))
    #expect(result.problems.isEmpty)
    #expect(result.metrics.map(\.value) == [0, -1.7976931348623157e308, 0])
  }

  @Test(arguments: [
    (
      #""percentage""#,
      #""format" is "percentage", not "RAW" or "PERCENTAGE" (KFP is case-sensitive); entry skipped"#
    ),
    (
      #""Raw""#,
      #""format" is "Raw", not "RAW" or "PERCENTAGE" (KFP is case-sensitive); entry skipped"#
    ),
    (#""PERCENT""#, #""format" is "PERCENT", not "RAW" or "PERCENTAGE"; entry skipped"#),
    (#""UNSPECIFIED""#, #""format" is "UNSPECIFIED", not "RAW" or "PERCENTAGE"; entry skipped"#),
    (#""""#, #""format" is "", not "RAW" or "PERCENTAGE"; entry skipped"#),
    (#""RAW\u001b""#, #""format" is "RAW\u001b", not "RAW" or "PERCENTAGE"; entry skipped"#),
    ("1", #""format" is a number, not "RAW" or "PERCENTAGE"; entry skipped"#),
  ])
  func badFormatsSkipTheEntry(format: String, message: String) {
    let result = decode(
      file(
        #"{"name": "bad", "numberValue": 1, "format": \#(format)}"#,
        #"{"name": "ok", "numberValue": 2}"#))
    #expect(result.metrics.map(\.name) == ["ok"])
    #expect(
      result.problems == [Problem(location: path, entry: 0, severity: .error, message: message)])
  }

  @Test func everyBadFieldOfAnEntryIsReported() {
    let result = decode(file(#"{"name": "a b", "numberValue": "x", "format": "raw"}"#))
    #expect(result.metrics.isEmpty)
    #expect(result.problems.count == 3)
    #expect(result.problems.allSatisfy { $0.entry == 0 && $0.severity == .error })
  }

  @Test func duplicateNamesKeepTheFirstWithAWarning() {
    let result = decode(
      file(
        #"{"name": "acc", "numberValue": 0.1}"#, #"{"name": "loss", "numberValue": 2}"#,
        #"{"name": "acc", "numberValue": 0.2, "format": "PERCENTAGE"}"#))
    #expect(result.metrics.map(\.name) == ["acc", "loss"])
    #expect(result.metrics.first?.value == 0.1)
    #expect(
      result.problems == [
        Problem(
          location: path, entry: 2, severity: .warning,
          message:
            #"name "acc" was already reported by entry 0; KFP keeps the first, so this entry is ignored"#
        )
      ])
  }

  @Test func duplicatesAreFoundInLongFilesToo() {
    // Past a few dozen names the decoder switches from a scan to a dictionary: both must agree.
    var entries = (0..<40).map { #"{"name": "m\#($0)", "numberValue": \#($0)}"# }
    entries += [#"{"name": "m0", "numberValue": -1}"#, #"{"name": "m39", "numberValue": -1}"#]
    let result = decode(#"{"metrics": ["# + entries.joined(separator: ",") + "]}")
    #expect(result.metrics.count == 40)
    #expect(result.metrics.allSatisfy { $0.value >= 0 })
    #expect(result.problems.map(\.entry) == [40, 41])
    #expect(result.problems.map(\.severity) == [.warning, .warning])
    #expect(result.problems.last?.message.contains("already reported by entry 39") == true)
  }

  @Test func aDuplicateOfAnInvalidEntryIsKept() {
    let result = decode(
      file(#"{"name": "acc", "numberValue": NaN}"#, #"{"name": "acc", "numberValue": 0.5}"#))
    #expect(result.metrics.map(\.value) == [0.5])
    #expect(result.problems.map(\.severity) == [.error])
  }

  @Test func namesDifferingInCaseAreDistinct() {
    let result = decode(
      file(#"{"name": "acc", "numberValue": 1}"#, #"{"name": "Acc", "numberValue": 2}"#))
    #expect(result.metrics.map(\.name) == ["acc", "Acc"])
    #expect(result.problems.map(\.severity) == [.warning])
  }

  @Test func moreThanFiftyMetricsAllLoad() throws {
    let entries = (0..<60).map { #"{"name": "m\#($0)", "numberValue": \#($0)}"# }
    let result = decode(#"{"metrics": ["# + entries.joined(separator: ",") + "]}")
    #expect(result.metrics.count == 60)
    #expect(result.problems.isEmpty)
    #expect(MetricsFileDecoder.metricsLimitProblem(count: 50, location: "run-1") == nil)
    let warning = try #require(MetricsFileDecoder.metricsLimitProblem(count: 60, location: "run-1"))
    #expect(warning.severity == .warning)
    #expect(
      warning.message == "the run has 60 metrics; KFP keeps only 50 of them, all are shown here")
  }

  // MARK: Robustness

  @Test func randomBytesNeverCrashAndProblemsAreClean() {
    var generator = SeededRandom(seed: 2026)
    let valid = Array(
      #"{"metrics": [{"name": "accuracy-score", "numberValue": 0.91, "format": "PERCENTAGE"}, {"name": "Loss_1", "numberValue": 1e2}]}"#
        .utf8)
    var kept = 0
    for round in 0..<4_000 {
      var bytes: [UInt8]
      if round % 2 == 0 {
        bytes = (0..<Int.random(in: 0..<48, using: &generator)).map { _ in
          UInt8.random(in: 0...255, using: &generator)
        }
      } else {
        bytes = valid
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
          let position = Int.random(in: 0..<bytes.count, using: &generator)
          bytes[position] = UInt8.random(in: 0...255, using: &generator)
        }
      }
      let result = MetricsFileDecoder.decode(bytes, path: path, nodeID: "n")
      kept += result.metrics.count
      for problem in result.problems {
        #expect(!hasRawControl(problem.message))
        #expect(problem.location == path)
      }
      for metric in result.metrics {
        #expect(metric.value.isFinite)
        #expect(MetricName.rejection(metric.name) == nil)
      }
    }
    // Some single-byte mutations leave valid entries: the loop really decoded files.
    #expect(kept > 0)
  }
}
