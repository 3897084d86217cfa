import Foundation
import RunsCore
import Testing

@testable import RunsData

private let metrics = #"{"metrics": [{"name": "acc", "numberValue": 0.5}]}"#

/// What SOURCE is one run, what is a folder of runs, and saved files of every shape.
@Suite struct SourceLayoutTests {
  private func loadFile(_ text: String, name: String = "runs.json") throws -> (LoadResult, String) {
    let tree = try TemporaryTree()
    try tree.write("saved/\(name)", text)
    return (JSONFileSource(path: tree.path("saved/\(name)")).load(), tree.path("saved/\(name)"))
  }

  @Test func aCutOffLineCostsOnlyItself() throws {
    let text = [#"{"id": "a"}"#, #"{"id": "x", "na"#, #"{"id": "b"}"#].joined(separator: "\n")
    let (result, path) = try loadFile(text + "\n")
    #expect(result.runs.map(\.id) == ["a", "b"])
    #expect(result.problems.map(\.location) == ["\(path):2"])
    #expect(
      result.problems.first?.message
        == "line 2 is not valid JSON (column 16: unescaped control character in string); skipped")
  }

  @Test func answersSavedBackToBackAreAllRead() throws {
    let first = #"{"runs": [{"id": "a"}, {"id": "b"}], "next_page_token": "t"}"#
    let second = #"{"runs": [{"id": "c"}]}"#
    let (result, _) = try loadFile(first + second)
    #expect(result.runs.map(\.id) == ["a", "b", "c"])
    #expect(result.problems.isEmpty)
  }

  @Test func anUnknownShapeIsOneClearError() throws {
    let (object, path) = try loadFile(#"{"kind": "Workflow", "spec": {}}"#)
    #expect(object.runs.isEmpty)
    #expect(object.problems.count == 1)
    #expect(object.sourceFailure?.location == path)
    #expect(
      object.sourceFailure?.message
        == "the file holds a JSON object with keys \"kind\", \"spec\": not a KFP runs response, a run, nor a metrics file"
    )
    let (array, _) = try loadFile(#"["a", "b"]"#)
    #expect(
      array.sourceFailure?.message
        == "the file holds an array of 2 strings: not a KFP runs response, a run, nor a metrics file"
    )
    // An empty ListRunsResponse is `{}`: no runs, and no error.
    let (empty, _) = try loadFile("{}")
    #expect(empty.sourceFailure == nil && empty.problems.isEmpty)
  }

  @Test func aMetricsFileUnderAnyNameIsOneRunNamedAfterItsFolder() throws {
    let (result, _) = try loadFile(metrics, name: "train.json")
    #expect(result.runs.map(\.name) == ["saved"])
    #expect(result.runs.first?.metrics.map(\.value) == [0.5])
  }

  @Test func aRunFolderWithRunJSONIsOneRun() throws {
    let tree = try TemporaryTree()
    try tree.write("baseline/run.json", #"{"id": "r-1", "name": "baseline run"}"#)
    try tree.write("baseline/train/mlpipeline-metrics.json", metrics)
    try tree.write("baseline/evaluate/mlpipeline-metrics.json", metrics)
    let result = DirectorySource(root: tree.path("baseline")).load()
    #expect(result.problems.isEmpty)
    #expect(result.runs.map(\.id) == ["r-1"])
    #expect(result.runs.first?.metrics.map(\.nodeID) == ["evaluate", "train"])
    // The folder above it still lists it as one run among others.
    #expect(DirectorySource(root: tree.root).load().runs.map(\.id) == ["r-1"])
  }

  @Test func aStrayMetricsFileAtTheRootWarnsAboutTheRunFilesItHides() throws {
    let tree = try TemporaryTree()
    try tree.write("runs/mlpipeline-metrics.json", metrics)
    try tree.write("runs/a/run.json", #"{"id": "a"}"#)
    try tree.write("runs/a/mlpipeline-metrics.json", metrics)
    try tree.write("runs/b/run.json", #"{"id": "b"}"#)
    let result = DirectorySource(root: tree.path("runs")).load()
    #expect(result.runs.count == 1)
    let warning = try #require(result.problems.first)
    #expect(warning.severity == .warning)
    #expect(warning.location == tree.path("runs"))
    #expect(
      warning.message.hasPrefix(
        "run.json files one level down are ignored because the root holds a metrics file ("
          + tree.path("runs/a/run.json") + " and 1 more)"))
    // Without run.json files below, a metrics file at the root is simply one run.
    try tree.write("plain/mlpipeline-metrics.json", metrics)
    try tree.write("plain/step/mlpipeline-metrics.json", metrics)
    #expect(DirectorySource(root: tree.path("plain")).load().problems.isEmpty)
  }

  @Test func aKFPLocalRunWhoseOnlyTaskFailedStillShows() throws {
    let tree = try TemporaryTree()
    try tree.makeDirectory("local_outputs/fail-pipeline-2026-01-02-03-04-05-000006/boom")
    let result = DirectorySource(root: tree.path("local_outputs")).load()
    let run = try #require(result.runs.first)
    #expect(run.pipeline == "fail-pipeline")
    #expect(run.notes.contains("boom: no output (failed or unfinished)"))
    #expect(result.problems.map(\.severity) == [.warning])
    #expect(
      result.problems.first?.message.contains("task \"boom\" has no executor_output.json") == true)
    // The run folder given alone is the same one run.
    let alone = DirectorySource(
      root: tree.path("local_outputs/fail-pipeline-2026-01-02-03-04-05-000006")
    ).load()
    #expect(alone.runs.map(\.id) == [run.id])
  }

  @Test func kfpLocalNamesAndArtifactStorePaths() throws {
    let utc = TimeZone(identifier: "UTC")!
    let name = LocalRunName("my-train-pipeline-2026-12-04-15-00-13-732118", timeZone: utc)
    #expect(name?.pipeline == "my-train-pipeline")
    let seconds = try #require(name?.createdAt.timeIntervalSince1970)
    #expect(abs(seconds - 1_796_396_413.732118) < 1e-6)
    #expect(LocalRunName("run-2026-13-04-15-00-13-732118") == nil)
    #expect(LocalRunName("2026-12-04-15-00-13-732118") == nil)
    #expect(ArtifactStorePath("2026/01/02/wf-train-1").node == "wf-train-1")
    #expect(ArtifactStorePath("wf-train-1").node == "wf-train-1")
    #expect(ArtifactStorePath("wf-train-1").day == nil)
    #expect(ArtifactStorePath("2026/01/02").node == ".")
  }
}
