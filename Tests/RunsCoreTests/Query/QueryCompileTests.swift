import Foundation
import Testing

@testable import RunsCore

@Suite struct QueryCompileTests {
  private static let names = QueryNames(
    metrics: ["accuracy-score", "loss", "roc-auc-score", "my metric", "name"],
    parameters: ["learning_rate", "epochs", "loss"])
  private static let utc = TimeZone(identifier: "UTC")!

  private func compile(_ text: String) throws -> Query? {
    try Query.compile(text, names: Self.names, timeZone: Self.utc)
  }

  private func error(_ text: String) -> QueryError? {
    do {
      _ = try Query.compile(text, names: Self.names, timeZone: Self.utc)
      return nil
    } catch {
      return error
    }
  }

  @Test func bareNamesAreMetricsThenParametersThenAttributes() throws {
    #expect(try compile("loss")?.fields == [.metric("loss")])
    #expect(try compile("param:loss")?.fields == [.parameter("loss")])
    #expect(try compile("epochs")?.fields == [.parameter("epochs")])
    #expect(try compile("status")?.fields == [.attribute(.status)])
    // A metric called `name` hides the attribute; attr: reaches it.
    #expect(try compile("name")?.fields == [.metric("name")])
    #expect(try compile("attr:name")?.fields == [.attribute(.name)])
    #expect(try compile("attributes.run_name")?.fields == [.attribute(.name)])
    #expect(try compile("`my metric` > 1")?.fields == [.metric("my metric")])
    #expect(try compile("Status = failed")?.fields == [.attribute(.status)])
  }

  @Test func valuesReadAsWhatTheNameHolds() throws {
    #expect(
      try compile("accuracy-score > 90%")?.root
        == .test(.metric("accuracy-score"), .number(.greater, 0.9)))
    #expect(
      try compile("loss <= -1e-3")?.root == .test(.metric("loss"), .number(.lessOrEqual, -0.001)))
    #expect(
      try compile("duration > 1h30m")?.root
        == .test(.attribute(.duration), .number(.greater, 5_400)))
    #expect(
      try compile("duration < 250ms")?.root == .test(.attribute(.duration), .number(.less, 0.25)))
    #expect(
      try compile("duration = 1.5h")?.root == .test(.attribute(.duration), .number(.equal, 5_400)))
    #expect(
      try compile("duration = 2d")?.root == .test(.attribute(.duration), .number(.equal, 172_800)))
    #expect(
      try compile("duration != 90")?.root == .test(.attribute(.duration), .number(.notEqual, 90)))
    #expect(
      try compile("created >= 2026-01-05")?.root
        == .test(
          .attribute(.created), .time(.greaterOrEqual, start: 1_767_571_200, end: 1_767_657_600)))
    #expect(
      try compile("finished < 2026-01-05T10:00")?.root
        == .test(.attribute(.finished), .time(.less, start: 1_767_607_200, end: 1_767_607_260)))
    #expect(
      try compile("created = '2026-01-05 10:00:30'")?.root
        == .test(.attribute(.created), .time(.equal, start: 1_767_607_230, end: 1_767_607_231)))
    #expect(
      try compile("status in (failed, ERROR)")?.root
        == .test(.attribute(.status), .statuses([.failed, .error], negated: false)))
    #expect(
      try compile("status != Running")?.root
        == .test(.attribute(.status), .statuses([.running], negated: true)))
  }

  @Test func datesAreLocalTime() throws {
    let berlin = TimeZone(identifier: "Europe/Berlin")!
    let query = try Query.compile("created >= 2026-01-05", names: Self.names, timeZone: berlin)
    // Midnight in Berlin is 23:00 UTC the day before.
    #expect(
      query?.root
        == .test(
          .attribute(.created), .time(.greaterOrEqual, start: 1_767_567_600, end: 1_767_654_000)))
    // A final Z means UTC whatever the zone.
    let utc = try Query.compile("created >= 2026-01-05T00:00Z", names: Self.names, timeZone: berlin)
    #expect(
      utc?.root
        == .test(
          .attribute(.created), .time(.greaterOrEqual, start: 1_767_571_200, end: 1_767_571_260)))
  }

  @Test func valueReadings() {
    #expect(QueryValueText.number("0.9") == 0.9)
    #expect(QueryValueText.number("90%") == 0.9)
    #expect(QueryValueText.number("-1e-3") == -0.001)
    #expect(QueryValueText.number(".5") == 0.5)
    for text in ["inf", "nan", "0x10", "1_000", "%", "abc", "", "1e", "9a"] {
      #expect(QueryValueText.number(text) == nil, "\(text)")
    }
    #expect(QueryValueText.seconds("1h30m") == 5_400)
    #expect(QueryValueText.seconds("1m30s") == 90)
    #expect(QueryValueText.seconds("45S") == 45)
    for text in ["h", "1x", "1h30", "1hh", "m5", ""] {
      #expect(QueryValueText.seconds(text) == nil, "\(text)")
    }
    for text in [
      "2026-13-01", "2026-02-30", "2026-1-5", "2026-01-05T25:00", "2026-01-05T10", "26-01-05",
    ] {
      #expect(QueryValueText.time(text, timeZone: Self.utc) == nil, "\(text)")
    }
  }

  @Test(arguments: [
    (
      "acuracy-score > 0.9", 0, "no metric, parameter or attribute is named 'acuracy-score'",
      ["accuracy-score"]
    ),
    (
      "accuracy > 0.9", 0, "no metric, parameter or attribute is named 'accuracy'",
      ["accuracy-score"]
    ),
    (
      "loss < 1 and stauts = Failed", 13, "no metric, parameter or attribute is named 'stauts'",
      ["status"]
    ),
    ("metric:epochs > 1", 0, "no run has a metric named 'epochs'", []),
    (
      "param:learning-rate = 1", 0, "no run has a parameter named 'learning-rate'",
      ["learning_rate"]
    ),
    (
      "attr:stat = 1", 0,
      "no attribute is named 'stat'; attributes: name, id, status, experiment, pipeline, created, finished, duration",
      ["status"]
    ),
    (
      "status = Faild", 9,
      "no status is called 'Faild'; statuses: Pending, Running, Succeeded, Skipped, Failed, Error, Terminating, Unknown",
      ["Failed"]
    ),
    (
      "status in (Failed, eror)", 19,
      "no status is called 'eror'; statuses: Pending, Running, Succeeded, Skipped, Failed, Error, Terminating, Unknown",
      ["Error"]
    ),
    ("status > Failed", 7, "status compares with =, !=, in, ~ and !~; '>' orders values", []),
    ("loss ~ x", 5, "'~' compares text; metric 'loss' holds numbers", []),
    (
      "loss > high", 7,
      "expected a number such as 0.9 or 90% after '>' (metric 'loss' holds numbers), found 'high'",
      []
    ),
    (
      "loss in (1, x)", 12,
      "expected a number such as 0.9 or 90% (metric 'loss' holds numbers), found 'x'", []
    ),
    ("duration > long", 11, "expected a duration such as 45s or 1h30m after '>', found 'long'", []),
    (
      "created > yesterday", 10,
      "expected a date such as 2026-01-05 or 2026-01-05T10:00 after '>', found 'yesterday'", []
    ),
    (
      "created in (2026-01-05)", 0,
      "created compares with =, !=, <, <=, >, >=; 'in' is for numbers and text", []
    ),
  ])
  func errors(text: String, position: Int, message: String, suggestions: [String]) {
    let error = error(text)
    #expect(error?.position == position, "\(text)")
    #expect(error?.message == message, "\(text)")
    #expect(error?.suggestions == suggestions, "\(text)")
  }

  @Test func suggestionsText() {
    #expect(
      QueryError(position: 0, message: "m", suggestions: ["a"]).description
        == "column 1: m; did you mean a?")
    #expect(
      QueryError(position: 2, message: "m", suggestions: ["a", "my metric", "c"]).description
        == "column 3: m; did you mean a, `my metric` or c?")
    #expect(
      NameSuggestions.closest(to: "LOSS", among: ["loss", "lost", "boss", "x"]) == [
        "loss", "boss", "lost",
      ])
    #expect(NameSuggestions.closest(to: "zzzzzz", among: ["loss"]).isEmpty)
    // Close to the start of a longer name.
    #expect(
      NameSuggestions.closest(to: "acuracy", among: ["accuracy-score", "loss"]) == [
        "accuracy-score"
      ])
    #expect(
      NameSuggestions.closest(to: "rocauc", among: ["roc-auc-score", "f1"]) == ["roc-auc-score"])
  }
}
