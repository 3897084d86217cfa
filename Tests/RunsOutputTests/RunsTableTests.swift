import Foundation
import RunsCore
import RunsOutput
import Testing

@Suite struct RunsTableTests {
  let utc = TimeZone(identifier: "UTC")!

  @Test func cellsFollowTheApplicationsColumnsAndKFPText() {
    let table = RunsTable.make(
      runs: SampleRuns.all, metricNames: ["accuracy", "loss"], showsExperiment: true,
      timeZone: utc)
    #expect(
      table.columns.map(\.title) == [
        "Run name", "Status", "Duration", "Experiment", "Pipeline", "Start time", "accuracy",
        "loss",
      ])
    #expect(
      table.rows[0] == [
        "baseline", "Succeeded", "1:02:05", "mnist", "train", "2026-01-02 03:04:05", "50.000%",
        "0.250",
      ])
    #expect(
      table.rows[1] == [
        "tuned, \"v2\"|x", "Running", "", "fashion", "", "2026-01-02 03:05:05", "95.675%", "",
      ])
    #expect(table.rows[2] == ["bare\u{FFFD}[31m", "", "", "", "", "", "", ""])
    #expect(table.columns.filter(\.alignRight).map(\.title) == ["Duration", "accuracy", "loss"])
  }

  @Test func startTimeIsInTheGivenTimeZone() {
    let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    let table = RunsTable.make(
      runs: [SampleRuns.baseline], metricNames: [], showsExperiment: false, timeZone: tokyo)
    #expect(table.rows[0].last == "2026-01-02 12:04:05")
  }

  @Test func experimentColumnIsLeftOutWhenAsked() {
    let table = RunsTable.make(
      runs: SampleRuns.all, metricNames: [], showsExperiment: false, timeZone: utc)
    #expect(!table.columns.map(\.title).contains("Experiment"))
    #expect(table.rows.allSatisfy { $0.count == 5 })
  }

  @Test func pipelineColumnIsLeftOutWhenNoRunHasOne() {
    var first = SampleRuns.baseline
    var second = SampleRuns.tuned
    first.pipeline = nil
    second.pipeline = ""
    let table = RunsTable.make(
      runs: [first, second], metricNames: [], showsExperiment: false, timeZone: utc)
    #expect(table.columns.map(\.title) == ["Run name", "Status", "Duration", "Start time"])
    #expect(table.rows.allSatisfy { $0.count == 4 })
    // One run with a pipeline brings the column back, empty for the others.
    let mixed = RunsTable.make(
      runs: [first, SampleRuns.baseline], metricNames: [], showsExperiment: false, timeZone: utc)
    #expect(mixed.columns.map(\.title).contains("Pipeline"))
    #expect(mixed.rows.map { $0[3] } == ["", "train"])
  }

  @Test func experimentColumnShowsOnlyForSeveralExperiments() {
    #expect(RunsTable.showsExperiment([SampleRuns.baseline, SampleRuns.tuned]))
    #expect(!RunsTable.showsExperiment([SampleRuns.baseline, SampleRuns.baseline]))
    // A run without an experiment beside one with: the column tells them apart.
    #expect(RunsTable.showsExperiment([SampleRuns.baseline, SampleRuns.bare]))
    #expect(!RunsTable.showsExperiment([SampleRuns.bare]))
    #expect(!RunsTable.showsExperiment([]))
  }

  @Test func metricNamesAreSanitizedInHeaders() {
    let table = RunsTable.make(
      runs: [], metricNames: ["a\u{1B}b"], showsExperiment: false, timeZone: utc)
    #expect(table.columns.last?.title == "a\u{FFFD}b")
  }
}
