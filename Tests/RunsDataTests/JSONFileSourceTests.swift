import Foundation
import RunsCore
import Testing

@testable import RunsData

private let runA =
  #"{"id": "a", "name": "first", "metrics": [{"name": "m", "number_value": 1, "format": "RAW"}]}"#
private let runB =
  #"{"run": {"id": "b", "name": "second"}, "pipeline_runtime": {"workflow_manifest": "{}"}}"#
private let runC =
  #"{"id": "c", "resource_references": [{"key": {"type": "EXPERIMENT", "id": "e1"}, "name": "exp"}]}"#

@Suite struct JSONFileSourceTests {
  private func load(_ text: String) throws -> (LoadResult, String) {
    let tree = try TemporaryTree()
    try tree.write("runs.json", text)
    return (JSONFileSource(path: tree.path("runs.json")).load(), tree.path("runs.json"))
  }

  @Test func readsAListRunsResponse() throws {
    let (result, _) = try load(#"{"runs": [\#(runA), \#(runB), \#(runC)], "total_size": 3}"#)
    #expect(result.problems.isEmpty && result.sourceFailure == nil)
    #expect(result.runs.map(\.id) == ["a", "b", "c"])
    #expect(result.runs[0].metrics == [Metric(name: "m", nodeID: "", value: 1, format: .raw)])
    #expect(result.experiments == [ExperimentRef(id: "e1", name: "exp")])
  }

  @Test func readsAnArrayOfRuns() throws {
    let (result, path) = try load("[\(runA), \(runB), {\"name\": \"no-id\"}, \(runC)]")
    #expect(result.runs.map(\.id) == ["a", "b", "c"])
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.location == path)
    #expect(result.problems.first?.message == "[2]: has no id; skipped")
  }

  @Test func readsASingleRunOrRunDetail() throws {
    #expect(try load(runA).0.runs.map(\.id) == ["a"])
    #expect(try load(runB).0.runs.map(\.id) == ["b"])
  }

  @Test func readsJSONLinesOfRunsAndPagesWithABadLine() throws {
    let text = [
      runA, "", #"{"runs": [\#(runC)], "next_page_token": "x"}"#, #"{"id": "broken", "#, runB, "  ",
    ].joined(separator: "\n")
    let (result, path) = try load(text)
    #expect(result.runs.map(\.id) == ["a", "c", "b"])
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.location == "\(path):4")
    #expect(result.problems.first?.severity == .error)
    #expect(result.problems.first?.message.hasPrefix("line 4 is not valid JSON") == true)
  }

  @Test func aBrokenJSONDocumentIsOneProblem() throws {
    let (result, path) = try load("{\n  \"runs\": [\n    {\"id\": \"a\"},\n  ]\n}\n")
    #expect(result.runs.isEmpty)
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.location == path)
    #expect(result.problems.first?.message.contains("line 4") == true)
    #expect(result.sourceFailure == result.problems.first)
  }

  @Test func otherDocumentsAndMissingFilesAreProblems() throws {
    let number = try load("42").0
    #expect(number.problems.first?.message == "the file holds a number, not runs")
    #expect(number.sourceFailure == number.problems.first)
    #expect(try load("").0.sourceFailure != nil)
    let missing = JSONFileSource(path: "/nonexistent/runs.json").load()
    #expect(missing.runs.isEmpty && missing.problems.count == 1)
    #expect(missing.problems.first?.message.contains("No such file") == true)
    #expect(missing.sourceFailure == missing.problems.first)
    let scalarLine = try load("\(runA)\n7\n").0
    #expect(scalarLine.runs.count == 1 && scalarLine.sourceFailure == nil)
    #expect(scalarLine.problems.map(\.message) == ["holds a number, not runs"])
  }
}
