import Foundation
import Testing

@testable import RunsCore

/// What `GET /apis/v1beta1/runs/{id}` returns for a finished run of a KFP 1.8 server.
private let runDetail = """
  {
    "run": {
      "id": "5d1c2a7e-4b1f-4c1e-9d55-0c1d2e3f4a5b",
      "name": "xgboost-training-0412-1530",
      "storage_state": "STORAGESTATE_AVAILABLE",
      "pipeline_spec": {
        "pipeline_id": "7e0c1f2a",
        "pipeline_name": "xgboost-trainer",
        "workflow_manifest": "{\\"kind\\":\\"Workflow\\"}",
        "parameters": [
          {"name": "learning_rate", "value": "0.1"},
          {"name": "optimizer", "value": "adam"},
          {"name": "empty"}
        ]
      },
      "resource_references": [
        {"key": {"type": "EXPERIMENT", "id": "exp-1"}, "name": "churn", "relationship": "OWNER"},
        {"key": {"type": "PIPELINE_VERSION", "id": "pv-1"}, "name": "v3", "relationship": "CREATOR"}
      ],
      "service_account": "pipeline-runner",
      "created_at": "2026-04-12T15:30:00Z",
      "scheduled_at": "1970-01-01T00:00:00Z",
      "finished_at": "2026-04-12T15:42:30.500Z",
      "status": "Succeeded",
      "metrics": [
        {"name": "accuracy-score", "node_id": "xgboost-training-0412-1530-2771", "number_value": 0.91,
         "format": "PERCENTAGE"},
        {"name": "loss", "node_id": "xgboost-training-0412-1530-2771", "number_value": 0.25,
         "format": "RAW"},
        {"name": "f1-score", "node_id": "xgboost-training-0412-1530-2771", "number_value": 0.5},
        {"name": "zero", "node_id": "xgboost-training-0412-1530-2771", "format": "RAW"}
      ]
    },
    "pipeline_runtime": {"workflow_manifest": "{}"}
  }
  """

private func parse(_ text: String) throws -> JSONValue {
  try JSONParser.parse(text)
}

private func date(_ text: String) -> Date {
  RFC3339.parse(text)!
}

@Suite struct KFPWireRunTests {
  @Test func readsEveryFieldOfARunDetail() throws {
    let (run, problems) = KFPWire.run(from: try parse(runDetail), location: "run.json")
    #expect(problems.isEmpty)
    let loaded = try #require(run)
    #expect(loaded.id == "5d1c2a7e-4b1f-4c1e-9d55-0c1d2e3f4a5b")
    #expect(loaded.name == "xgboost-training-0412-1530")
    #expect(loaded.status == .succeeded)
    #expect(loaded.createdAt == date("2026-04-12T15:30:00Z"))
    #expect(loaded.finishedAt == date("2026-04-12T15:42:30.5Z"))
    #expect(loaded.duration == 750.5)
    #expect(loaded.experiment == ExperimentRef(id: "exp-1", name: "churn"))
    #expect(loaded.pipeline == "xgboost-trainer")
    #expect(
      loaded.parameters == [
        Parameter(name: "learning_rate", value: "0.1"), Parameter(name: "optimizer", value: "adam"),
        Parameter(name: "empty", value: ""),
      ])
    let node = "xgboost-training-0412-1530-2771"
    #expect(
      loaded.metrics == [
        Metric(name: "accuracy-score", nodeID: node, value: 0.91, format: .percentage),
        Metric(name: "loss", nodeID: node, value: 0.25, format: .raw),
        Metric(name: "f1-score", nodeID: node, value: 0.5, format: .unspecified),
        Metric(name: "zero", nodeID: node, value: 0, format: .raw),
      ])
  }

  @Test func anApiRunReadsLikeItsRunDetail() throws {
    let detail = try parse(runDetail)
    let apiRun = try #require(detail["run"])
    #expect(
      KFPWire.run(from: apiRun, location: "x").run == KFPWire.run(from: detail, location: "x").run)
  }

  @Test func unfinishedRunHasNoFinishTimeAndNoMetricsKey() throws {
    let json = try parse(
      """
      {"id": "r1", "name": "running-one", "status": "Running",
       "created_at": "2026-04-12T15:30:00Z", "finished_at": "1970-01-01T00:00:00Z"}
      """)
    let (run, problems) = KFPWire.run(from: json, location: "x")
    #expect(problems.isEmpty)
    #expect(run?.finishedAt == nil)
    #expect(run?.duration == nil)
    #expect(run?.createdAt == date("2026-04-12T15:30:00Z"))
    #expect(run?.metrics == [])
    #expect(run?.status == .running)
  }

  @Test func aRunWithOnlyIdAndErrorLoadsWithAWarning() throws {
    let json = try parse(#"{"id": "bare", "error": "pod evicted\u001b[31m"}"#)
    let (run, problems) = KFPWire.run(from: json, location: "srv")
    let loaded = try #require(run)
    #expect(loaded.name == "bare")
    #expect(loaded.status == nil && loaded.createdAt == nil && loaded.experiment == nil)
    #expect(problems.count == 1)
    #expect(problems.first?.severity == .warning)
    #expect(problems.first?.location == "srv")
    #expect(problems.first?.message.contains("pod evicted") == true)
    #expect(problems.first?.message.unicodeScalars.contains { $0.value < 0x20 } == false)
  }

  @Test func aRunWithoutIdIsSkippedWithAnError() throws {
    for text in [
      #"{"name": "nameless"}"#, #"{"id": "", "name": "x"}"#, #"{"id": 42}"#, #"{"run": {}}"#,
    ] {
      let (run, problems) = KFPWire.run(from: try parse(text), location: "f")
      #expect(run == nil, "\(text)")
      #expect(
        problems.contains { $0.severity == .error && $0.message.contains("no id") }, "\(text)")
    }
    let (run, problems) = KFPWire.run(from: try parse("[1]"), location: "f")
    #expect(run == nil)
    #expect(problems.count == 1 && problems[0].severity == .error)
  }

  @Test func wrongTypesInEveryFieldBecomeProblemsAndTheRunStillLoads() throws {
    let json = try parse(
      """
      {"id": "r9", "name": 7, "status": ["x"], "created_at": 12, "finished_at": "yesterday",
       "error": {}, "pipeline_spec": {"pipeline_name": false, "parameters": [3, {"value": "v"},
         {"name": "epochs", "value": 10}, {"name": "obj", "value": {}}]},
       "resource_references": [1, {"key": "EXPERIMENT"}, {"key": {"type": true, "id": 1}, "name": 2},
         {"key": {"type": "EXPERIMENT", "id": "e1"}, "name": "good"}],
       "metrics": [
         "nope", {"number_value": 1}, {"name": 5, "number_value": 1},
         {"name": "bad-value", "number_value": "abc"}, {"name": "bool-value", "number_value": true},
         {"name": "bad-format", "number_value": 0.5, "format": "PERCENT"},
         {"name": "format-type", "number_value": 0.5, "format": []},
         {"name": "node-type", "node_id": 3, "number_value": 2},
         {"name": "good", "node_id": "n", "number_value": 0.75, "format": "PERCENTAGE"}
       ]}
      """)
    let (run, problems) = KFPWire.run(from: json, location: "f")
    let loaded = try #require(run)
    #expect(loaded.id == "r9")
    #expect(loaded.name == "r9")
    #expect(loaded.status == nil && loaded.createdAt == nil && loaded.finishedAt == nil)
    #expect(loaded.pipeline == nil)
    #expect(loaded.experiment == ExperimentRef(id: "e1", name: "good"))
    #expect(loaded.parameters == [Parameter(name: "epochs", value: "10")])
    #expect(
      loaded.metrics == [
        Metric(name: "bad-format", nodeID: "", value: 0.5, format: .unspecified),
        Metric(name: "format-type", nodeID: "", value: 0.5, format: .unspecified),
        Metric(name: "node-type", nodeID: "", value: 2, format: .unspecified),
        Metric(name: "good", nodeID: "n", value: 0.75, format: .percentage),
      ])
    let messages = problems.map(\.message).joined(separator: "\n")
    for field in [
      "name is a number", "status is an array", "created_at is a number",
      "finished_at \"yesterday\"",
      "error is an object", "pipeline_name is a boolean", "parameters[0] is a number",
      "parameters[1] has no name", "parameters[2].value is a number",
      "parameters[3].value is an object",
      "resource_references[0]", "resource_references[1].key is a string",
      "resource_references[2].key.type", "resource_references[2].key.id",
      "resource_references[2].name",
      "metrics[0] is a string", "metrics[1] has no name", "metrics[2] has no name (found a number)",
      "metrics[3] \"bad-value\" number_value is a string",
      "metrics[4] \"bool-value\" number_value is a boolean",
      "\"PERCENT\" is unknown", "metrics[6] \"format-type\" format is an array",
      "metrics[7] \"node-type\" node_id is a number",
    ] {
      #expect(messages.contains(field), "missing a problem about \(field)")
    }
    #expect(problems.allSatisfy { $0.message.hasPrefix("run \"r9\": ") })
    #expect(problems.filter { $0.severity == .error }.map(\.entry) == [0, 1, 2, 3, 4])
  }

  @Test func camelCaseSpellingsAreAcceptedAsAFallback() throws {
    let json = try parse(
      """
      {"id": "c1", "createdAt": "2026-01-02T03:04:05+02:00", "finishedAt": "2026-01-02T03:05:05+02:00",
       "pipelineSpec": {"pipelineName": "p", "parameters": [{"name": "a", "value": "1"}]},
       "resourceReferences": [{"key": {"type": "EXPERIMENT", "id": "e"}, "name": "E"}],
       "metrics": [{"name": "m", "nodeId": "n", "numberValue": 3, "format": "RAW"}]}
      """)
    let (run, problems) = KFPWire.run(from: json, location: "f")
    #expect(problems.isEmpty)
    #expect(run?.createdAt == date("2026-01-02T01:04:05Z"))
    #expect(run?.duration == 60)
    #expect(run?.pipeline == "p")
    #expect(run?.experiment?.name == "E")
    #expect(run?.parameters == [Parameter(name: "a", value: "1")])
    #expect(run?.metrics == [Metric(name: "m", nodeID: "n", value: 3, format: .raw)])
  }

  @Test func pipelineNameFallsBackToReferences() throws {
    let json = try parse(
      """
      {"id": "p", "pipeline_spec": {"pipeline_id": "x"}, "resource_references": [
        {"key": {"type": "PIPELINE_VERSION", "id": "v"}, "name": "version-name"},
        {"key": {"type": "PIPELINE", "id": "p"}, "name": "pipeline-name"},
        {"key": {"type": "EXPERIMENT", "id": "only-id"}}]}
      """)
    let run = try #require(KFPWire.run(from: json, location: "f").run)
    #expect(run.pipeline == "pipeline-name")
    #expect(run.experiment == ExperimentRef(id: "only-id", name: "only-id"))
    let versionOnly = try parse(
      #"{"id": "p", "resource_references": [{"key": {"type": "PIPELINE_VERSION"}, "name": "v2"}]}"#)
    #expect(KFPWire.run(from: versionOnly, location: "f").run?.pipeline == "v2")
  }

  @Test func nonFiniteNumbersWrittenAsStringsAreKeptWithAWarning() throws {
    let json = try parse(#"{"id": "n", "metrics": [{"name": "m", "number_value": "NaN"}]}"#)
    let (run, problems) = KFPWire.run(from: json, location: "f")
    #expect(run?.metrics.count == 1)
    #expect(run?.metrics.first?.value.isNaN == true)
    #expect(run?.value(of: "m") == nil)
    #expect(problems.map(\.severity) == [.warning])
  }

  @Test func runFieldsKeepWhatARunWithoutIdCarries() throws {
    let json = try parse(
      #"{"name": "n", "created_at": "2026-03-01T00:00:00Z", "status": "Failed"}"#)
    let (fields, problems) = KFPWire.runFields(from: json, location: "f")
    #expect(problems.isEmpty)
    #expect(fields.id == nil && fields.run == nil)
    #expect(fields.name == "n" && fields.status == .failed)
    #expect(fields.createdAt == date("2026-03-01T00:00:00Z"))
  }
}

@Suite struct KFPWirePageTests {
  @Test func readsAListRunsResponse() throws {
    let json = try parse(
      """
      {"runs": [{"id": "a", "name": "first"}, {"name": "no-id"}, {"id": "c", "created_at": "bad"}],
       "total_size": 3, "next_page_token": "tok"}
      """)
    let page = KFPWire.runsPage(from: json, location: "http://h/apis/v1beta1/runs")
    #expect(page.runs.map(\.id) == ["a", "c"])
    #expect(page.totalSize == 3)
    #expect(page.nextPageToken == "tok")
    #expect(page.problems.count == 2)
    #expect(page.problems[0].message.hasPrefix("runs[1]: ") && page.problems[0].severity == .error)
    #expect(page.problems[1].message.hasPrefix("run \"c\": created_at"))
    #expect(page.problems.allSatisfy { $0.location == "http://h/apis/v1beta1/runs" })
  }

  @Test func anEmptyObjectIsTheLastEmptyPage() throws {
    let page = KFPWire.runsPage(from: try parse("{}"), location: "u")
    #expect(page.runs.isEmpty && page.problems.isEmpty)
    #expect(page.nextPageToken == nil && page.totalSize == nil)
    let last = KFPWire.runsPage(
      from: try parse(#"{"runs": [], "next_page_token": ""}"#), location: "u")
    #expect(last.nextPageToken == nil)
  }

  @Test func malformedPagesAreProblems() throws {
    #expect(
      KFPWire.runsPage(from: try parse("[]"), location: "u").problems.first?.severity == .error)
    let page = KFPWire.runsPage(
      from: try parse(#"{"runs": {}, "total_size": "12", "next_page_token": 5}"#), location: "u")
    #expect(page.totalSize == 12)  // int64 fields may arrive as strings
    #expect(page.nextPageToken == nil)
    #expect(page.problems.count == 2)
  }

  @Test func readsAListExperimentsResponse() throws {
    let json = try parse(
      """
      {"experiments": [{"id": "e1", "name": "Default", "created_at": "2026-01-01T00:00:00Z"},
       {"id": "e2"}, {"name": "no-id"}, 4], "total_size": 4, "next_page_token": "n"}
      """)
    let page = KFPWire.experiments(from: json, location: "u")
    #expect(
      page.experiments == [
        ExperimentRef(id: "e1", name: "Default"), ExperimentRef(id: "e2", name: "e2"),
      ])
    #expect(page.totalSize == 4 && page.nextPageToken == "n")
    #expect(
      page.problems.map(\.message) == [
        "experiments[2]: has no id; skipped",
        "experiments[3]: is a number, expected an object; skipped",
      ])
    #expect(KFPWire.experiments(from: try parse("{}"), location: "u").experiments.isEmpty)
    #expect(KFPWire.experiments(from: try parse("null"), location: "u").problems.count == 1)
  }
}

@Suite struct RFC3339Tests {
  @Test func parsesZuluOffsetsAndFractions() {
    #expect(RFC3339.parse("1970-01-01T00:00:00Z")?.timeIntervalSince1970 == 0)
    #expect(RFC3339.parse("2026-01-02T03:04:05Z")?.timeIntervalSince1970 == 1_767_323_045)
    #expect(RFC3339.parse("2026-01-02T03:04:05.25Z")?.timeIntervalSince1970 == 1_767_323_045.25)
    #expect(RFC3339.parse("2026-01-02T05:04:05+02:00")?.timeIntervalSince1970 == 1_767_323_045)
    #expect(RFC3339.parse("2026-01-01T22:04:05.5-05:00")?.timeIntervalSince1970 == 1_767_323_045.5)
    #expect(RFC3339.parse("2026-01-02t03:04:05z")?.timeIntervalSince1970 == 1_767_323_045)
    #expect(RFC3339.parse("2026-01-02 03:04:05+00:00")?.timeIntervalSince1970 == 1_767_323_045)
    let nanos = RFC3339.parse("2026-01-02T03:04:05.123456789123Z")?.timeIntervalSince1970 ?? 0
    #expect(abs(nanos - 1_767_323_045.123456789) < 1e-6)
    #expect(RFC3339.parse("2024-02-29T00:00:00Z") != nil)
    #expect(RFC3339.parse("1969-12-31T23:59:59Z")?.timeIntervalSince1970 == -1)
  }

  @Test func agreesWithFoundationOverManyDates() {
    let formatter = ISO8601DateFormatter()
    var seconds = -2_000_000_000
    while seconds < 4_000_000_000 {
      let expected = Date(timeIntervalSince1970: Double(seconds))
      let text = formatter.string(from: expected)
      #expect(RFC3339.parse(text) == expected, "\(text)")
      seconds += 7_777_777
    }
  }

  @Test func rejectsWhatIsNotATimestamp() {
    for text in [
      "", "2026-01-02", "2026-01-02T03:04:05", "2026-13-02T03:04:05Z", "2026-02-30T03:04:05Z",
      "2025-02-29T00:00:00Z", "2026-01-02T24:00:00Z", "2026-01-02T03:60:00Z",
      "2026-01-02T03:04:05.Z",
      "2026-01-02T03:04:05+0200", "2026-01-02T03:04:05Zjunk", "26-01-02T03:04:05Z",
      "２026-01-02T03:04:05Z",
      "2026-01-02T03:04:05+24:00",
    ] {
      #expect(RFC3339.parse(text) == nil, "\(text)")
    }
  }
}

/// Random documents built from the wire's own field names: whatever the shape, reading never
/// traps, every run read has an id, and every problem carries the location it was given.
@Suite struct KFPWireRandomShapeTests {
  private struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  private static let keys = [
    "id", "name", "status", "created_at", "finished_at", "error", "pipeline_spec", "pipeline_name",
    "parameters", "value", "resource_references", "key", "type", "metrics", "node_id",
    "number_value", "format", "run", "runs", "total_size", "next_page_token", "experiments",
    "runtime_config", "numberValue", "createdAt",
  ]
  private static let strings = [
    "", "EXPERIMENT", "PIPELINE", "RAW", "PERCENTAGE", "Succeeded", "2026-01-02T03:04:05Z",
    "1970-01-01T00:00:00Z", "NaN", "-Infinity", "1e999", "x\u{1B}[2J",
  ]

  private func value(_ random: inout Generator, depth: Int) -> JSONValue {
    switch random.next(depth > 4 ? 5 : 7) {
    case 0: return .null
    case 1: return .bool(random.next(2) == 0)
    case 2: return .number([0, -1, 0.5, 1e300, .nan, .infinity, 3][random.next(7)])
    case 3, 4: return .string(Self.strings[random.next(Self.strings.count)])
    case 5: return .array((0..<random.next(4)).map { _ in value(&random, depth: depth + 1) })
    default:
      return .object(
        JSONObject(
          members: (0..<random.next(6)).map { _ in
            JSONObject.Member(
              key: Self.keys[random.next(Self.keys.count)], value: value(&random, depth: depth + 1))
          }))
    }
  }

  @Test func anyShapeReadsWithoutTrapping() {
    var random = Generator(state: 42)
    for _ in 0..<3_000 {
      let document = value(&random, depth: 0)
      let (run, problems) = KFPWire.run(from: document, location: "loc")
      if let run { #expect(!run.id.isEmpty) }
      let page = KFPWire.runsPage(from: document, location: "loc")
      #expect(page.runs.allSatisfy { !$0.id.isEmpty })
      let experiments = KFPWire.experiments(from: document, location: "loc")
      let all = problems + page.problems + experiments.problems
      #expect(all.allSatisfy { $0.location == "loc" })
      #expect(all.allSatisfy { !$0.message.unicodeScalars.contains { $0.value == 0x1B } })
    }
  }
}
