import Foundation
import RunsCore
import Testing

@testable import RunsData

/// Saved KFP v2beta1 answers (`curl …/apis/v2beta1/runs > runs.json`): the runs load, and one
/// problem says why they have no metrics.
@Suite struct JSONFileV2Tests {
  static let runX = #"""
    {"run_id":"x","display_name":"v2 run","state":"SUCCEEDED","experiment_id":"e",
     "runtime_config":{"parameters":{"lr":0.05}},"created_at":"2026-01-02T03:04:05Z",
     "finished_at":"2026-01-02T03:05:05Z"}
    """#
  static let runY = #"{"run_id":"y","state":"RUNNING","finished_at":"1970-01-01T00:00:00Z"}"#

  private func load(_ text: String) throws -> LoadResult {
    let tree = try TemporaryTree()
    try tree.write("runs.json", text)
    return JSONFileSource(path: tree.path("runs.json")).load()
  }

  static let noMetrics = "saved v2 responses carry no metrics (they live in ML Metadata)"

  @Test func aSavedListRunsResponseLoadsWithOneProblem() throws {
    let result = try load(#"{"runs":[\#(Self.runX),\#(Self.runY)],"total_size":"2"}"#)
    #expect(result.sourceFailure == nil)
    #expect(result.runs.map(\.id) == ["x", "y"])
    #expect(result.runs[0].name == "v2 run")
    #expect(result.runs[0].status == .succeeded)
    #expect(result.runs[0].parameters == [Parameter(name: "lr", value: "0.05")])
    #expect(result.runs[1].finishedAt == nil)
    #expect(result.problems.count == 1)
    #expect(result.problems[0].message.contains(Self.noMetrics))
    #expect(result.problems[0].severity == .warning)
  }

  @Test func anArrayOrOneRunOrJSONLinesLoadToo() throws {
    #expect(try load("[\(Self.runX),\(Self.runY)]").runs.map(\.id) == ["x", "y"])
    #expect(try load(Self.runY).runs.map(\.id) == ["y"])
    let lines = try load(
      Self.runX.replacingOccurrences(of: "\n", with: "") + "\n" + Self.runY + "\n")
    #expect(lines.runs.map(\.id) == ["x", "y"])
    // Said once for the file, not once per line.
    #expect(lines.problems.filter { $0.message.contains(Self.noMetrics) }.count == 1)
  }

  @Test func aV2RunWithoutAnIdIsNamed() throws {
    let result = try load(#"[\#(Self.runY),{"run_id":"","display_name":"nameless"}]"#)
    #expect(result.runs.map(\.id) == ["y"])
    #expect(result.problems.contains { $0.message == "[1]: has no run_id; skipped" })
  }
}
