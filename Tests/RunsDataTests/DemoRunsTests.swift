import Foundation
import RunsCore
import Testing

@testable import RunsData

@Suite struct DemoRunsTests {
  let demo = DemoRuns.load()

  @Test func isDeterministic() {
    #expect(DemoRuns.load().runs == demo.runs)
    #expect(DemoRuns.load().problems == demo.problems)
    #expect(demo.runs.count == DemoRuns.count)
    #expect(Set(demo.runs.map(\.id)).count == demo.runs.count)
    #expect(Set(demo.runs.map(\.name)).count == demo.runs.count)
  }

  /// The hand-written file shows validation: a lowercase format and a number as a string are
  /// errors (entries skipped), a name off the documented pattern a warning (kept); each
  /// problem points at its run, and the run keeps every value it had.
  @Test func aHandWrittenFileShowsValidation() throws {
    let file = DemoRuns.handWrittenFile
    let fileProblems = demo.problems.filter { $0.location == file.path }
    #expect(fileProblems.map(\.entry) == [0, 1, 2])
    #expect(fileProblems.map(\.severity) == [.error, .error, .warning])
    #expect(fileProblems[0].message.contains("\"percentage\""))
    #expect(fileProblems[1].message.contains("string"))
    let run = try #require(demo.runs.first { $0.name == file.runName })
    #expect(fileProblems.allSatisfy { $0.runID == run.id })
    #expect(run.metrics.filter { $0.nodeID == file.nodeID }.map(\.name) == ["Balanced_Accuracy"])
    // The run-level problems name the run, its id in parentheses.
    let failed = demo.problems.filter { $0.location == "demo" }
    #expect(!failed.isEmpty)
    for problem in failed {
      let named = try #require(demo.runs.first { $0.id == problem.runID })
      #expect(problem.message.hasPrefix("run \"\(named.name)\" (\(named.id)): "))
    }
  }

  @Test func metricPrevalenceIsUnevenWithADistinctTopThree() {
    var counts: [String: Int] = [:]
    for run in demo.runs {
      for name in run.metricNames { counts[name, default: 0] += 1 }
    }
    let ordered = counts.sorted { $0.value > $1.value }
    #expect(
      ordered.map(\.key) == [
        "accuracy-score", "roc-auc", "loss", "f1-score", "train-seconds", "precision",
        // The KFP 2.x runs' (see below).
        "accuracy", "converged",
        // The valid entry of the hand-written file (see below).
        "Balanced_Accuracy",
      ])
    #expect(Set(ordered.map(\.value)).count == ordered.count, "counts must differ: \(ordered)")
    #expect(counts["precision"]! <= 5)
    #expect(MetricColumns.top(3, in: demo.runs) == ["accuracy-score", "roc-auc", "loss"])
  }

  @Test func usesEveryFormatAndKeepsEachMetricsFormatConsistent() {
    var formats: [String: Set<MetricFormat>] = [:]
    for metric in demo.runs.flatMap(\.metrics) {
      formats[metric.name, default: []].insert(metric.format)
    }
    #expect(formats.values.allSatisfy { $0.count == 1 })
    #expect(formats["accuracy-score"] == [.percentage] && formats["roc-auc"] == [.percentage])
    #expect(formats["loss"] == [.raw] && formats["f1-score"] == [.unspecified])
    #expect(demo.runs.flatMap(\.metrics).allSatisfy { $0.value.isFinite })
  }

  @Test func oneMetricComesFromTwoNodesWithDifferentValues() throws {
    let run = try #require(
      demo.runs.first { run in run.metrics.filter { $0.name == "accuracy-score" }.count == 2 })
    let entries = run.metrics.filter { $0.name == "accuracy-score" }
    #expect(Set(entries.map(\.nodeID)) == ["train", "evaluate"])
    #expect(entries[0].value != entries[1].value)
    #expect(run.value(of: "accuracy-score") == entries.first { $0.nodeID == "evaluate" }?.value)
  }

  @Test func coversStatusesExperimentsPipelinesAndParameters() {
    let statuses = Set(demo.runs.compactMap(\.status))
    #expect(statuses.isSuperset(of: [.succeeded, .failed, .running, .pending]))
    #expect(
      demo.runs.filter { [.running, .pending].contains($0.status) }.allSatisfy {
        $0.finishedAt == nil
      })
    #expect(demo.runs.filter { $0.status == .succeeded }.allSatisfy { ($0.duration ?? 0) > 0 })
    #expect(Set(demo.runs.compactMap(\.experiment)) == Set(DemoRuns.experiments))
    #expect(demo.experiments == DemoRuns.experiments)
    #expect(Set(demo.runs.compactMap(\.pipeline)).count == 3)
    let parameterNames = Set(demo.runs.flatMap(\.parameters).map(\.name))
    #expect(parameterNames.isSuperset(of: ["learning_rate", "batch_size", "optimizer", "epochs"]))
    #expect(
      demo.runs.allSatisfy {
        $0.createdAt.map { RFC3339.parse("2026-01-01T00:00:00Z")! < $0 } ?? false
      })
  }

  /// KFP 2.x runs as read from ML Metadata: `<task> > <output>` nodes, numbers shown with
  /// every digit JavaScript gives them, a bool, a task not finished; the oldest runs.
  @Test func hasKFP2Runs() throws {
    let v2 = demo.runs.filter { $0.metrics.contains { $0.format == .v2Number } }
    #expect(v2.count == 3)
    #expect(v2.allSatisfy { $0.experiment?.name == "sentiment-kfp2" })
    #expect(v2.allSatisfy { run in run.metrics.allSatisfy { $0.format.isV2 } })
    let oldest = try #require(demo.runs.compactMap(\.createdAt).min())
    #expect(v2.contains { $0.createdAt == oldest })
    let nodes = Set(v2.flatMap(\.metrics).map(\.nodeID))
    #expect(nodes == ["train > metrics", "evaluate > metrics"])
    let first = try #require(v2.first { $0.name == "sentiment-v2-0331-0830" })
    // The column shows the first node's value: evaluate's.
    #expect(first.metric(named: "accuracy")?.displayText == "0.9500000000000001")
    #expect(first.metric(named: "converged")?.displayText == "true")
    #expect(v2.contains { $0.status == .running && $0.notes == ["task evaluate: not finished"] })
    #expect(demo.runs.filter { !v2.contains($0) }.allSatisfy { $0.notes.isEmpty })
  }

  @Test func hasLongAndNonASCIINames() {
    #expect(demo.runs.contains { $0.name.count > 60 })
    #expect(demo.runs.contains { $0.name.unicodeScalars.contains { $0.value > 0x2E80 } })
    #expect(demo.runs.contains { $0.name.contains("é") })
    #expect(demo.runs.contains { $0.name.hasPrefix("xgboost-training-") && $0.name.count == 26 })
  }
}
