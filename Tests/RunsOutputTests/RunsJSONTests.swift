import RunsCore
import RunsOutput
import Testing

@Suite struct RunsJSONTests {
  @Test func everyFieldAndEveryMetricEntryIsWritten() throws {
    let parsed = try JSONParser.parse(RunsJSON.text(runs: SampleRuns.all))
    let runs = try #require(parsed.arrayValue)
    #expect(runs.count == 3)
    let first = runs[0]
    #expect(first["id"] == .string("id-1"))
    #expect(first["status"] == .string("Succeeded"))
    #expect(first["created_at"] == .string("2026-01-02T03:04:05Z"))
    #expect(first["finished_at"] == .string("2026-01-02T04:06:10Z"))
    #expect(first["duration_seconds"] == .number(3725))
    #expect(first["experiment"]?["name"] == .string("mnist"))
    #expect(first["pipeline"] == .string("train"))
    #expect(first["parameters"]?.arrayValue?.first?["value"] == .string("0.1"))
    let metrics = try #require(first["metrics"]?.arrayValue)
    #expect(metrics.count == 3)
    #expect(metrics[2]["node_id"] == .string("eval"))
    #expect(metrics[2]["value"] == .number(0.5))
    #expect(metrics[2]["format"] == .string("PERCENTAGE"))
  }

  @Test func missingValuesAreNullAndNamesKeepTheirExactText() throws {
    let parsed = try JSONParser.parse(RunsJSON.text(runs: [SampleRuns.bare, SampleRuns.tuned]))
    let bare = try #require(parsed.arrayValue?.first)
    #expect(bare["name"] == .string("bare\u{1B}[31m"))
    for key in ["status", "created_at", "finished_at", "experiment", "pipeline"] {
      #expect(bare[key] == .null, "\(key)")
    }
    #expect(bare["metrics"] == .array([]))
    #expect(parsed.arrayValue?[1]["name"] == .string("tuned, \"v2\"|x"))
  }

  @Test func noRunsIsAnEmptyArray() {
    #expect(RunsJSON.text(runs: []) == "[]\n")
  }
}
