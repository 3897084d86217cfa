import Foundation
import RunsOutput
import Testing

@testable import RunsCore

/// A key that appears twice in one object: KFP's Go decoder keeps the last value, so we do,
/// and a warning names the key. Durations that cannot be real are blank, with a warning.
@Suite struct DuplicateKeyTests {
  @Test func theLastValueOfARepeatedKeyIsUsed() throws {
    let json = try JSONParser.parse(#"{"a": 1, "b": 2, "a": 3, "a": 4, "b": 5, "c": 6}"#)
    let object = try #require(json.objectValue)
    #expect(object["a"] == .number(4))
    #expect(object["b"] == .number(5))
    #expect(object["c"] == .number(6))
    #expect(object.repeatedKeys == ["a", "b"])
    #expect(try JSONParser.parse(#"{"a": 1, "b": 2}"#).objectValue?.repeatedKeys == [])
  }

  /// Many members: the check is a hash set there, not pairs of keys.
  @Test func repeatedKeysAreFoundInALargeObject() throws {
    let members = (0..<5_000).map { #""k\#($0)": \#($0)"# } + [#""k4321": -1"#]
    let object = try #require(
      try JSONParser.parse("{" + members.joined(separator: ",") + "}").objectValue)
    #expect(object.repeatedKeys == ["k4321"])
    #expect(object["k4321"] == .number(-1))
  }

  @Test func aRunWithARepeatedKeyKeepsTheLastAndWarns() throws {
    let text =
      #"{"id": "r1", "name": "first", "name": "last", "status": "Failed", "status": "Succeeded"}"#
    let (run, problems) = KFPWire.run(from: try JSONParser.parse(text), location: "run.json")
    #expect(run?.name == "last")
    #expect(run?.status == .succeeded)
    #expect(
      problems.map(\.message) == [
        #"run "r1": "name" appears more than once; the last value is used, as KFP does"#,
        // Once the name is known, it names the run (the id in parentheses).
        #"run "last" (r1): "status" appears more than once; the last value is used, as KFP does"#,
      ])
    #expect(problems.allSatisfy { $0.severity == .warning })
  }

  @Test func aMetricsEntryWithARepeatedKeyKeepsTheLastAndWarns() {
    let text = #"{"metrics": [{"name": "acc", "numberValue": 0.1, "numberValue": 0.9}]}"#
    let result = MetricsFileDecoder.decode(Array(text.utf8), path: "m.json", nodeID: ".")
    #expect(result.metrics.map(\.value) == [0.9])
    #expect(
      result.problems == [
        Problem(
          location: "m.json", entry: 0, severity: .warning,
          message: #""numberValue" appears more than once; the last value is used, as KFP does"#)
      ])
  }

  @Test func aRepeatedMetricsArrayKeepsTheLastAndWarns() {
    let text =
      #"{"metrics": [{"name": "a", "numberValue": 1}], "metrics": [{"name": "b", "numberValue": 2}]}"#
    let result = MetricsFileDecoder.decode(Array(text.utf8), path: "m.json", nodeID: ".")
    #expect(result.metrics.map(\.name) == ["b"])
    #expect(
      result.problems.map(\.line) == [
        #"m.json: warning: "metrics" appears more than once; the last value is used, as KFP does"#
      ])
  }

  @Test(arguments: [
    (
      "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z",
      "finished_at 2026-01-01T00:00:00Z is before created_at 2026-01-02T00:00:00Z"
    ),
    (
      "2026-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
      "finished_at 9999-12-31T23:59:59Z is more than a year after created_at 2026-01-01T00:00:00Z"
    ),
  ])
  func anImpossibleDurationIsBlankWithAWarning(created: String, finished: String, why: String)
    throws
  {
    let text = #"{"id": "r1", "created_at": "\#(created)", "finished_at": "\#(finished)"}"#
    let (run, problems) = KFPWire.run(from: try JSONParser.parse(text), location: "run.json")
    let decoded = try #require(run)
    #expect(decoded.duration == nil)
    #expect(decoded.createdAt != nil && decoded.finishedAt != nil)
    #expect(problems.map(\.message) == [#"run "r1": \#(why); the duration is left blank"#])
    #expect(
      RunsTable.make(runs: [decoded], metricNames: [], showsExperiment: false).rows[0][2] == "")
  }

  @Test func aPlausibleDurationIsKept() throws {
    let text =
      #"{"id": "r1", "created_at": "2026-01-01T00:00:00Z", "finished_at": "2026-03-01T00:00:00Z"}"#
    let (run, problems) = KFPWire.run(from: try JSONParser.parse(text), location: "run.json")
    #expect(run?.duration.map { Int($0) } == 59 * 86_400)
    #expect(problems.isEmpty)
  }
}
