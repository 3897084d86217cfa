import Foundation
import RunsCore
import TestSupport
import Testing

@testable import RunsData

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

private let metricsFile = "mlpipeline-metrics.json"

@Suite struct DirectorySourceTests {
  @Test func nestedStepsBecomeNodeIDs() throws {
    let tree = try TemporaryTree()
    try tree.write("run-a/\(metricsFile)", metricsJSON([("top", 1, nil)]))
    try tree.write(
      "run-a/train/\(metricsFile)", metricsJSON([("accuracy-score", 0.9, "PERCENTAGE")]))
    try tree.write(
      "run-a/evaluate/deep/\(metricsFile)", metricsJSON([("accuracy-score", 0.8, "PERCENTAGE")]))
    try tree.write("run-a/evaluate/notes.txt", "not metrics")
    try tree.write("run-b/\(metricsFile)", metricsJSON([("loss", 0.5, "RAW")]))
    try tree.makeDirectory("empty-dir/sub")
    try tree.write("stray-file.json", "{}")

    let result = DirectorySource(root: tree.root).load()
    #expect(result.problems.isEmpty)
    #expect(result.runs.map(\.id) == ["run-a", "run-b"])
    let runA = result.runs[0]
    #expect(runA.name == "run-a")
    #expect(runA.status == nil)
    #expect(
      runA.metrics == [
        Metric(name: "top", nodeID: ".", value: 1, format: .unspecified),
        Metric(name: "accuracy-score", nodeID: "evaluate/deep", value: 0.8, format: .percentage),
        Metric(name: "accuracy-score", nodeID: "train", value: 0.9, format: .percentage),
      ])
    #expect(runA.value(of: "accuracy-score") == 0.8)
    #expect(result.runs[1].metrics == [Metric(name: "loss", nodeID: ".", value: 0.5, format: .raw)])
  }

  @Test func createdAtIsTheOldestMetricsFileTime() throws {
    let tree = try TemporaryTree()
    try tree.write("r/a/\(metricsFile)", metricsJSON([("m", 1, nil)]))
    try tree.write("r/b/\(metricsFile)", metricsJSON([("n", 1, nil)]))
    tree.setModificationTime("r/a/\(metricsFile)", 1_780_000_000)
    tree.setModificationTime("r/b/\(metricsFile)", 1_770_000_000)
    let run = try #require(DirectorySource(root: tree.root).load().runs.first)
    #expect(run.createdAt == Date(timeIntervalSince1970: 1_770_000_000))
    #expect(run.finishedAt == nil)
  }

  @Test func aMetricsFileInTheRootMakesTheRootTheRun() throws {
    let tree = try TemporaryTree()
    try tree.write(metricsFile, metricsJSON([("root-metric", 2, "RAW")]))
    try tree.write("step-1/\(metricsFile)", metricsJSON([("child", 3, nil)]))
    try tree.write("step-2/inner/\(metricsFile)", metricsJSON([("child", 4, nil)]))
    let result = DirectorySource(root: tree.root + "/").load()
    #expect(result.problems.isEmpty)
    #expect(result.runs.count == 1)
    let run = try #require(result.runs.first)
    let directoryName = (tree.root as NSString).lastPathComponent
    #expect(run.id == directoryName && run.name == directoryName)
    #expect(run.metrics.map(\.nodeID) == [".", "step-1", "step-2/inner"])
    #expect(run.metrics.map(\.value) == [2, 3, 4])
  }

  @Test func runJSONInBothShapesSuppliesTheMetadata() throws {
    let tree = try TemporaryTree()
    let apiRun = """
      {"id": "uuid-1", "name": "xgboost-training-0412-1530", "status": "Failed",
       "created_at": "2026-04-12T15:30:00Z", "finished_at": "2026-04-12T15:31:00Z",
       "resource_references": [{"key": {"type": "EXPERIMENT", "id": "e"}, "name": "churn"}],
       "pipeline_spec": {"pipeline_name": "xgb", "parameters": [{"name": "lr", "value": "0.1"}]},
       "metrics": [{"name": "server-copy", "node_id": "pod", "number_value": 9}]}
      """
    try tree.write("a/run.json", apiRun)
    try tree.write("a/train/\(metricsFile)", metricsJSON([("m", 1, nil)]))
    try tree.write(
      "b/run.json",
      #"{"run": \#(apiRun.replacingOccurrences(of: "uuid-1", with: "uuid-2")), "pipeline_runtime": {}}"#
    )
    try tree.write("b/\(metricsFile)", metricsJSON([("m", 2, nil)]))

    let result = DirectorySource(root: tree.root).load()
    #expect(result.problems.isEmpty)
    #expect(result.runs.map(\.id) == ["uuid-1", "uuid-2"])
    for run in result.runs {
      #expect(run.name == "xgboost-training-0412-1530")
      #expect(run.status == .failed)
      #expect(run.duration == 60)
      #expect(run.experiment == ExperimentRef(id: "e", name: "churn"))
      #expect(run.pipeline == "xgb")
      #expect(run.parameters == [Parameter(name: "lr", value: "0.1")])
      // The metrics files are the source; the API's copy in run.json is not added to them.
      #expect(run.metrics.map(\.name) == ["m"])
    }
    #expect(result.experiments == [ExperimentRef(id: "e", name: "churn")])
  }

  @Test func aRunJSONAloneIsARunWithItsOwnMetrics() throws {
    let tree = try TemporaryTree()
    try tree.write(
      "only-json/run.json",
      #"{"id": "x", "metrics": [{"name": "acc", "node_id": "n", "number_value": 0.5, "format": "PERCENTAGE"}]}"#
    )
    let run = try #require(DirectorySource(root: tree.root).load().runs.first)
    #expect(run.id == "x" && run.name == "only-json")
    #expect(run.metrics == [Metric(name: "acc", nodeID: "n", value: 0.5, format: .percentage)])
  }

  @Test func partialAndMalformedRunJSONKeepTheDirectoryDefaults() throws {
    let tree = try TemporaryTree()
    try tree.write(
      "partial/run.json", #"{"status": "Running", "created_at": "not a time", "name": 3}"#)
    try tree.write("partial/\(metricsFile)", metricsJSON([("m", 1, nil)]))
    tree.setModificationTime("partial/\(metricsFile)", 1_775_000_000)
    try tree.write("broken/run.json", #"{"id": "#)
    try tree.write("broken/\(metricsFile)", metricsJSON([("m", 2, nil)]))
    try tree.write("array/run.json", "[1, 2]")
    try tree.write("array/\(metricsFile)", metricsJSON([("m", 3, nil)]))

    let result = DirectorySource(root: tree.root).load()
    #expect(result.runs.map(\.id) == ["array", "broken", "partial"])
    #expect(result.runs.map(\.name) == ["array", "broken", "partial"])
    #expect(result.runs.map { $0.value(of: "m") } == [3, 2, 1])
    let partial = result.runs[2]
    #expect(partial.status == .running)
    #expect(partial.createdAt == Date(timeIntervalSince1970: 1_775_000_000))
    let located = Dictionary(grouping: result.problems) {
      ($0.location as NSString).pathComponents.suffix(2).joined(separator: "/")
    }
    #expect(located["broken/run.json"]?.first?.message.contains("not valid JSON") == true)
    #expect(located["array/run.json"]?.count == 1)
    #expect(located["partial/run.json"]?.count == 2)
    #expect(located["partial/run.json"]?.allSatisfy { $0.severity == .warning } == true)
  }

  @Test func symlinkLoopsTerminateAndEachRealDirectoryIsReadOnce() async throws {
    let tree = try TemporaryTree()
    try tree.write("run/step/\(metricsFile)", metricsJSON([("m", 1, nil)]))
    try tree.symlink("run/step/again", to: "..")
    try tree.symlink("run/up", to: tree.root)
    try tree.symlink("run/self", to: ".")
    try tree.write("outside/shared/\(metricsFile)", metricsJSON([("shared", 5, nil)]))
    try tree.symlink("linked-run", to: tree.path("outside/shared"))
    try tree.symlink("run/shared", to: tree.path("outside/shared"))
    try tree.symlink("run/dangling", to: tree.path("missing"))
    try tree.symlink("run/shared-again", to: tree.path("outside/shared"))

    guard let result = await withTimeout(20, { DirectorySource(root: tree.root).load() }) else {
      Issue.record("a symlink loop did not terminate")
      return
    }
    #expect(result.runs.map(\.id) == ["linked-run", "outside", "run"])
    let run = result.runs[2]
    #expect(run.metrics.map(\.nodeID) == ["shared", "step"])
    #expect(result.runs[0].metrics.map(\.nodeID) == ["."])
    #expect(result.runs[1].metrics.map(\.nodeID) == ["shared"])
    let loops = result.problems.filter { $0.message.contains("a directory that contains it") }
    #expect(
      Set(loops.map { ($0.location as NSString).lastPathComponent }) == ["again", "self", "up"])
    let twice = result.problems.filter { $0.message.contains("already read") }
    #expect(twice.map { ($0.location as NSString).lastPathComponent } == ["shared-again"])
    #expect(result.problems.allSatisfy { $0.severity == .warning })
  }

  @Test func aFIFONamedLikeAMetricsFileNeverBlocks() async throws {
    let tree = try TemporaryTree()
    try tree.write("run/good/\(metricsFile)", metricsJSON([("m", 1, nil)]))
    try tree.makeDirectory("run/pipe")
    #expect(mkfifo(tree.path("run/pipe/\(metricsFile)"), 0o644) == 0)
    try tree.makeDirectory("fifo-only")
    #expect(mkfifo(tree.path("fifo-only/\(metricsFile)"), 0o644) == 0)
    #expect(mkfifo(tree.path("fifo-only/run.json"), 0o644) == 0)
    try tree.makeDirectory("linked")
    try tree.symlink("linked/\(metricsFile)", to: tree.path("run/pipe/\(metricsFile)"))

    guard let result = await withTimeout(20, { DirectorySource(root: tree.root).load() }) else {
      Issue.record("reading a FIFO blocked the load")
      return
    }
    #expect(result.runs.map(\.id) == ["fifo-only", "linked", "run"])
    #expect(result.runs[2].metrics.map(\.name) == ["m"])
    #expect(result.runs[0].metrics.isEmpty && result.runs[1].metrics.isEmpty)
    #expect(result.problems.count == 4)
    #expect(result.problems.allSatisfy { $0.severity == .error && $0.message.contains("FIFO") })
  }

  @Test func aFIFOAsTheFirstLevelDirectoryCandidateIsIgnored() async throws {
    let tree = try TemporaryTree()
    #expect(mkfifo(tree.path("a-fifo"), 0o644) == 0)
    try tree.write("run/\(metricsFile)", metricsJSON([("m", 1, nil)]))
    let result = await withTimeout(20) { DirectorySource(root: tree.root).load() }
    #expect(result?.runs.map(\.id) == ["run"])
  }

  @Test func unreadableEntriesAreProblemsNotFailures() throws {
    let tree = try TemporaryTree()
    try tree.makeDirectory("dangling")
    try tree.symlink("dangling/\(metricsFile)", to: tree.path("gone"))
    try tree.symlink("dangling/run.json", to: tree.path("gone-too"))
    try tree.write("odd/\(metricsFile)/inner/\(metricsFile)", metricsJSON([("m", 1, nil)]))
    let result = DirectorySource(root: tree.root).load()
    #expect(result.sourceFailure == nil)
    #expect(result.runs.map(\.id) == ["dangling", "odd"])
    #expect(result.runs[1].metrics.map(\.nodeID) == ["\(metricsFile)/inner"])
    let messages = result.problems.map {
      "\(($0.location as NSString).lastPathComponent): \($0.message)"
    }
    #expect(
      messages == [
        "\(metricsFile): cannot be read: No such file or directory",
        "run.json: cannot be read: No such file or directory",
        "\(metricsFile): is a directory, not a metrics file; its contents are read as a step",
      ])
  }

  @Test func anOversizedFileIsSkippedWithAProblem() throws {
    let tree = try TemporaryTree()
    try tree.write("run/big/\(metricsFile)", "")
    let descriptor = open(tree.path("run/big/\(metricsFile)"), O_WRONLY)
    #expect(descriptor >= 0)
    #expect(ftruncate(descriptor, 17 * 1024 * 1024) == 0)
    close(descriptor)
    try tree.write("run/small/\(metricsFile)", metricsJSON([("m", 1, nil)]))

    let result = DirectorySource(root: tree.root).load()
    #expect(result.runs.first?.metrics.map(\.nodeID) == ["small"])
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.location.hasSuffix("run/big/\(metricsFile)") == true)
    #expect(result.problems.first?.message.contains("\(17 * 1024 * 1024)") == true)
  }

  @Test func aBrokenMetricsFileNextToAGoodOne() throws {
    let tree = try TemporaryTree()
    try tree.write("run/good/\(metricsFile)", metricsJSON([("accuracy-score", 0.5, "PERCENTAGE")]))
    try tree.write("run/bad/\(metricsFile)", #"{"metrics": [{"name": "x", "numberValue": }]}"#)
    try tree.write(
      "run/\(metricsFile)", metricsJSON([("good-entry", 1, "RAW"), ("bad entry", 2, "RAW")]))
    let result = DirectorySource(root: tree.root).load()
    let run = try #require(result.runs.first)
    #expect(run.metrics.map(\.name) == ["good-entry", "accuracy-score"])
    #expect(result.problems.count == 2)
    #expect(
      result.problems.contains {
        $0.location.hasSuffix("run/bad/\(metricsFile)") && $0.severity == .error
      })
    #expect(
      result.problems.contains { $0.location.hasSuffix("run/\(metricsFile)") && $0.entry == 1 })
  }

  @Test func aRunWithOnlyBrokenFilesIsStillListed() throws {
    let tree = try TemporaryTree()
    try tree.write("broken-run/a/\(metricsFile)", "not json")
    try tree.write("broken-run/b/\(metricsFile)", #"{"metrics": 3}"#)
    try tree.write("broken-run/c/\(metricsFile)", "")
    let result = DirectorySource(root: tree.root).load()
    #expect(result.runs.map(\.id) == ["broken-run"])
    #expect(result.runs.first?.metrics.isEmpty == true)
    #expect(result.problems.count == 3)
    #expect(result.problems.allSatisfy { $0.severity == .error })
  }

  @Test func moreThanFiftyMetricNamesInARunIsAWarning() throws {
    let tree = try TemporaryTree()
    let half = (0..<30).map { (name: "m\($0)", value: Double($0), format: String?.none) }
    let other = (30..<55).map { (name: "m\($0)", value: Double($0), format: String?.none) }
    try tree.write("many/a/\(metricsFile)", metricsJSON(half))
    try tree.write(
      "many/b/\(metricsFile)", metricsJSON(other + [(name: "m0", value: 1, format: nil)]))
    try tree.write("few/\(metricsFile)", metricsJSON(half))
    let result = DirectorySource(root: tree.root).load()
    #expect(result.runs.map { $0.metrics.count } == [30, 56])
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.severity == .warning)
    #expect(result.problems.first?.location.hasSuffix("/many") == true)
    #expect(result.problems.first?.message.contains("55") == true)
  }

  @Test func aMissingRootIsAProblemNotACrash() throws {
    let tree = try TemporaryTree()
    var batches = 0
    let result = DirectorySource(root: tree.path("nope")).load { _ in batches += 1 }
    #expect(result.runs.isEmpty)
    #expect(result.problems.count == 1 && result.problems[0].severity == .error)
    #expect(result.problems[0].location == tree.path("nope"))
    #expect(result.sourceFailure == result.problems[0])
    #expect(batches == 1)
  }

  /// KFP keeps 50 metrics per run: more distinct names is a warning; more entries of fewer
  /// names (the same names from several steps) is not.
  @Test func moreThanFiftyDistinctMetricNamesIsAWarning() throws {
    let limit = MetricsFileDecoder.kfpMetricsLimit
    let tree = try TemporaryTree()
    let names = (0...limit).map { "m\($0)" }
    try tree.write(
      "over/a/\(metricsFile)", metricsJSON(names.prefix(30).map { ($0, 1, nil) }))
    try tree.write(
      "over/b/\(metricsFile)", metricsJSON(names.dropFirst(30).map { ($0, 1, nil) }))
    try tree.write(
      "repeated/a/\(metricsFile)", metricsJSON(names.prefix(40).map { ($0, 1, nil) }))
    try tree.write(
      "repeated/b/\(metricsFile)", metricsJSON(names.prefix(40).map { ($0, 2, nil) }))
    try tree.write(
      "at-limit/\(metricsFile)", metricsJSON(names.prefix(limit).map { ($0, 1, nil) }))
    let result = DirectorySource(root: tree.root).load()
    #expect(result.runs.map(\.metrics.count) == [limit, limit + 1, 80])
    #expect(result.problems.map(\.location) == [tree.root + "/over"])
    #expect(result.problems.first?.message.hasPrefix("the run has \(limit + 1) metrics") == true)
  }

  @Test func thousandsOfRunsLoadInOrderWithExactlyTheirMetrics() throws {
    let tree = try TemporaryTree()
    let count = 2_000
    for index in 0..<count {
      let name = String(format: "run-%05d", (index * 7919) % count)
      try tree.write(
        "\(name)/train/\(metricsFile)",
        metricsJSON([("accuracy-score", Double(index) / 4096, "PERCENTAGE")]))
      if index % 3 == 0 {
        try tree.write(
          "\(name)/evaluate/\(metricsFile)",
          metricsJSON([("loss", Double(index), "RAW"), ("f1", 0.5, nil)]))
      }
    }
    try tree.makeDirectory("not-a-run/empty")
    var batches: [LoadResult] = []
    var progress: [[Int]] = []
    let result = DirectorySource(root: tree.root).load { batch, read, total in
      batches.append(batch)
      progress.append([read, total])
    }
    #expect(result.problems.isEmpty)
    #expect(result.runs.count == count)
    #expect(result.runs.map(\.id) == (0..<count).map { String(format: "run-%05d", $0) })
    let size = DirectorySource.batchSize
    #expect(progress == (1...(count + size) / size).map { [min($0 * size, count + 1), count + 1] })
    #expect(batches.flatMap(\.runs) == result.runs)
    for index in 0..<count {
      let run = result.runs[(index * 7919) % count]
      var expected = [
        Metric(
          name: "accuracy-score", nodeID: "train", value: Double(index) / 4096, format: .percentage)
      ]
      if index % 3 == 0 {
        expected =
          [
            Metric(name: "loss", nodeID: "evaluate", value: Double(index), format: .raw),
            Metric(name: "f1", nodeID: "evaluate", value: 0.5, format: .unspecified),
          ] + expected
      }
      #expect(run.metrics == expected, "\(run.id)")
    }
  }
}
