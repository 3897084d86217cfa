import Foundation

/// A run the test server lists, rendered exactly in the KFP v1beta1 wire format.
public struct TestRun: Sendable {
  /// One `RunMetric`; `format` `nil` is omitted (UNSPECIFIED, a zero value).
  public struct MetricEntry: Sendable {
    public var name: String
    public var nodeID: String
    public var value: Double
    public var format: String?

    public init(name: String, nodeID: String, value: Double, format: String? = nil) {
      self.name = name
      self.nodeID = nodeID
      self.value = value
      self.format = format
    }
  }

  public var id: String
  public var name: String
  public var status: String?
  /// Seconds since 1970.
  public var createdAt: Int
  /// Seconds since 1970; `nil` renders KFP's "not finished" `1970-01-01T00:00:00Z`.
  public var finishedAt: Int?
  public var experimentID: String?
  public var experimentName: String?
  public var namespace: String?
  public var pipelineName: String?
  public var parameters: [(String, String)]
  public var metrics: [MetricEntry]

  public init(
    id: String, name: String, status: String? = "Succeeded", createdAt: Int,
    finishedAt: Int? = nil, experimentID: String? = nil, experimentName: String? = nil,
    namespace: String? = nil, pipelineName: String? = nil, parameters: [(String, String)] = [],
    metrics: [MetricEntry] = []
  ) {
    self.id = id
    self.name = name
    self.status = status
    self.createdAt = createdAt
    self.finishedAt = finishedAt
    self.experimentID = experimentID
    self.experimentName = experimentName
    self.namespace = namespace
    self.pipelineName = pipelineName
    self.parameters = parameters
    self.metrics = metrics
  }

  /// The `ApiRun` JSON object.
  public var json: String {
    var references: [String] = []
    if let experimentID {
      references.append(
        WireJSON.object([
          (
            "key",
            WireJSON.object([("type", "\"EXPERIMENT\""), ("id", WireJSON.quote(experimentID))])
          ),
          ("name", experimentName.map(WireJSON.quote)), ("relationship", "\"OWNER\""),
        ]))
    }
    if let namespace {
      references.append(
        WireJSON.object([
          ("key", WireJSON.object([("type", "\"NAMESPACE\""), ("id", WireJSON.quote(namespace))])),
          ("relationship", "\"OWNER\""),
        ]))
    }
    let parameterList = parameters.map {
      WireJSON.object([("name", WireJSON.quote($0.0)), ("value", WireJSON.quote($0.1))])
    }
    let spec = WireJSON.object([
      ("pipeline_id", pipelineName.map { WireJSON.quote("pl-" + $0) }),
      ("pipeline_name", pipelineName.map(WireJSON.quote)),
      ("parameters", parameterList.isEmpty ? nil : WireJSON.array(parameterList)),
    ])
    let metricList = metrics.map {
      WireJSON.object([
        ("name", WireJSON.quote($0.name)), ("node_id", WireJSON.quote($0.nodeID)),
        ("number_value", Self.number($0.value)), ("format", $0.format.map(WireJSON.quote)),
      ])
    }
    return WireJSON.object([
      ("id", WireJSON.quote(id)), ("name", WireJSON.quote(name)),
      ("storage_state", "\"STORAGESTATE_AVAILABLE\""),
      ("pipeline_spec", spec),
      ("resource_references", references.isEmpty ? nil : WireJSON.array(references)),
      ("service_account", "\"pipeline-runner\""),
      ("created_at", WireJSON.quote(Self.timestamp(createdAt))),
      ("scheduled_at", "\"1970-01-01T00:00:00Z\""),
      ("finished_at", WireJSON.quote(Self.timestamp(finishedAt ?? 0))),
      ("status", status.map(WireJSON.quote)),
      ("metrics", metricList.isEmpty ? nil : WireJSON.array(metricList)),
    ])
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
  }

  static func timestamp(_ seconds: Int) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
  }

  /// `count` deterministic runs, newest first, spread over `experiments`: accuracy
  /// (PERCENTAGE) on every run, loss (RAW) on even runs, f1 (no format) on every third.
  public static func samples(
    count: Int, experiments: [TestExperiment] = [], namespace: String? = nil,
    newest: Int = 1_767_225_600
  ) -> [TestRun] {
    (0..<count).map { index in
      let experiment = experiments.isEmpty ? nil : experiments[index % experiments.count]
      var metrics = [
        MetricEntry(
          name: "accuracy-score", nodeID: "train-\(index % 3)",
          value: Double((index * 37) % 1000) / 1000, format: "PERCENTAGE")
      ]
      if index % 2 == 0 {
        metrics.append(
          MetricEntry(name: "loss", nodeID: "eval", value: Double(index % 97) / 8, format: "RAW"))
      }
      if index % 3 == 0 {
        metrics.append(MetricEntry(name: "f1", nodeID: "eval", value: Double(index % 10) / 10))
      }
      let created = newest - index * 60
      return TestRun(
        id: String(format: "run-%05d", index), name: "training run \(index)",
        status: index % 7 == 3 ? "Failed" : index % 11 == 5 ? "Running" : "Succeeded",
        createdAt: created, finishedAt: index % 11 == 5 ? nil : created + 300 + index % 50,
        experimentID: experiment?.id, experimentName: experiment?.name,
        namespace: experiment?.namespace ?? namespace, pipelineName: "train-pipeline",
        parameters: [("learning_rate", "0.0\(index % 9 + 1)"), ("epochs", "\(index % 5 + 1)")],
        metrics: metrics)
    }
  }
}

/// An experiment the test server lists.
public struct TestExperiment: Sendable {
  public var id: String
  public var name: String
  public var namespace: String?

  public init(id: String, name: String, namespace: String? = nil) {
    self.id = id
    self.name = name
    self.namespace = namespace
  }

  /// The `ApiExperiment` JSON object.
  public var json: String {
    let references = namespace.map {
      WireJSON.array([
        WireJSON.object([
          ("key", WireJSON.object([("type", "\"NAMESPACE\""), ("id", WireJSON.quote($0))])),
          ("relationship", "\"OWNER\""),
        ])
      ])
    }
    return WireJSON.object([
      ("id", WireJSON.quote(id)), ("name", WireJSON.quote(name)),
      ("created_at", "\"2026-01-01T00:00:00Z\""), ("resource_references", references),
      ("storage_state", "\"STORAGESTATE_AVAILABLE\""),
    ])
  }
}
