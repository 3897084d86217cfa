import Foundation

/// Reads KFP v1beta1 wire JSON (`ApiRun`, `RunDetail`, `ListRunsResponse`,
/// `ListExperimentsResponse`) into the run model.
///
/// Proto3 JSON rules apply: zero values are omitted (a metric without `format` is UNSPECIFIED,
/// without `number_value` it is 0), enums are strings. A malformed field never loses the run:
/// it is left out and a problem names it. Only a run without an `id` is skipped.
public enum KFPWire {
  /// Reads one run from an `ApiRun` or a `RunDetail` (`{"run": ApiRun, "pipeline_runtime": …}`).
  public static func run(from json: JSONValue, location: String) -> (run: Run?, problems: [Problem])
  {
    run(from: json, location: location, subject: "run")
  }

  /// Reads every valid field of an `ApiRun` or a `RunDetail`, even when it has no id.
  public static func runFields(
    from json: JSONValue, location: String
  ) -> (fields: KFPRunFields, problems: [Problem]) {
    var reader = WireReader(location: location, subject: "run")
    let fields = readRun(json, reader: &reader)
    return (fields, reader.problems)
  }

  /// Reads a `ListRunsResponse` (`runs`, `total_size`, `next_page_token`); `{}` is an empty page.
  public static func runsPage(from json: JSONValue, location: String) -> KFPRunsPage {
    var reader = WireReader(location: location, subject: "response")
    guard case .object(let top) = json else {
      reader.report(
        .error, "is \(MetricsFileDecoder.article(json)), expected a ListRunsResponse object")
      return KFPRunsPage(problems: reader.problems)
    }
    var page = KFPRunsPage()
    if let elements = reader.array(top, "runs") {
      page.runs.reserveCapacity(elements.count)
      for (index, element) in elements.enumerated() {
        let (run, problems) = run(from: element, location: location, subject: "runs[\(index)]")
        if let run { page.runs.append(run) }
        page.problems += problems
      }
    }
    page.totalSize = reader.integer(top, "total_size")
    page.nextPageToken = reader.string(top, "next_page_token").flatMap { $0.isEmpty ? nil : $0 }
    page.problems += reader.problems
    return page
  }

  /// Reads a `ListExperimentsResponse` (`experiments: [{id, name, …}]`, paging fields).
  public static func experiments(from json: JSONValue, location: String) -> KFPExperimentsPage {
    experimentsPage(from: json, location: location, idKey: "id", nameKey: "name")
  }

  /// Reads a `ListExperimentsResponse` whose experiments name their id and name `idKey` and
  /// `nameKey` (v1beta1 and v2beta1 differ only there).
  static func experimentsPage(
    from json: JSONValue, location: String, idKey: String, nameKey: String
  ) -> KFPExperimentsPage {
    var reader = WireReader(location: location, subject: "response")
    guard case .object(let top) = json else {
      reader.report(
        .error, "is \(MetricsFileDecoder.article(json)), expected a ListExperimentsResponse object")
      return KFPExperimentsPage(problems: reader.problems)
    }
    var page = KFPExperimentsPage()
    for (index, element) in (reader.array(top, "experiments") ?? []).enumerated() {
      reader.subject = "experiments[\(index)]"
      guard case .object(let object) = element else {
        reader.report(
          .error, "is \(MetricsFileDecoder.article(element)), expected an object; skipped")
        continue
      }
      guard let id = reader.string(object, idKey), !id.isEmpty else {
        reader.report(.error, "has no \(idKey); skipped")
        continue
      }
      let name = reader.string(object, nameKey).flatMap { $0.isEmpty ? nil : $0 } ?? id
      page.experiments.append(ExperimentRef(id: id, name: name))
    }
    reader.subject = "response"
    page.totalSize = reader.integer(top, "total_size")
    page.nextPageToken = reader.string(top, "next_page_token").flatMap { $0.isEmpty ? nil : $0 }
    page.problems = reader.problems
    return page
  }

  /// Reads one run like ``run(from:location:)``; `subject` names it in problems until its id is
  /// known (e.g. `runs[3]` or `line 7`).
  public static func run(
    from json: JSONValue, location: String, subject: String
  ) -> (run: Run?, problems: [Problem]) {
    var reader = WireReader(location: location, subject: subject)
    let fields = readRun(json, reader: &reader)
    guard let run = fields.run else {
      if case .object = json { reader.report(.error, "has no id; skipped") }
      return (nil, reader.problems)
    }
    return (run, reader.problems)
  }

  private static func readRun(_ json: JSONValue, reader: inout WireReader) -> KFPRunFields {
    var fields = KFPRunFields()
    guard case .object(var object) = json else {
      reader.report(
        .error, "is \(MetricsFileDecoder.article(json)), expected an ApiRun object; skipped")
      return fields
    }
    // A RunDetail wraps the ApiRun in `run`; an ApiRun has no member of that name.
    if let inner = reader.member(object, "run") {
      guard case .object(let run) = inner else {
        reader.report(
          .error, "run is \(MetricsFileDecoder.article(inner)), expected an ApiRun object; skipped")
        return fields
      }
      object = run
    }

    fields.id = reader.string(object, "id").flatMap { $0.isEmpty ? nil : $0 }
    if let id = fields.id {
      reader.subject = "run \(JSONText.quoted(id, limit: 80))"
      reader.runID = id
    }
    fields.name = reader.string(object, "name").flatMap { $0.isEmpty ? nil : $0 }
    // A person knows a run by its name; the id (in parentheses) tells same names apart.
    if let id = fields.id, let name = fields.name {
      let shortID = TextSanitizer.clean(String(id.prefix(80)))
      reader.subject = "run \(JSONText.quoted(name, limit: 80)) (\(shortID))"
    }
    if let status = reader.string(object, "status"), !status.isEmpty {
      fields.status = RunStatus(wireValue: status)
    }
    fields.createdAt = reader.timestamp(object, "created_at")
    fields.finishedAt = reader.timestamp(object, "finished_at")
    reader.checkDuration(created: fields.createdAt, finished: fields.finishedAt)
    if let error = reader.string(object, "error"), !error.isEmpty {
      fields.error = error
      reader.report(.warning, "the run reports an error: \(JSONText.quoted(error, limit: 300))")
    }

    var specPipelineName: String?
    if let spec = reader.object(object, "pipeline_spec") {
      specPipelineName = reader.string(spec, "pipeline_name", path: "pipeline_spec.pipeline_name")
      fields.parameters = readParameters(spec, reader: &reader)
    }
    let references = readReferences(object, reader: &reader)
    fields.experiment = references.experiment
    fields.pipeline =
      [specPipelineName, references.pipeline, references.pipelineVersion]
      .compactMap { $0 }.first { !$0.isEmpty }
    fields.metrics = readMetrics(object, reader: &reader)
    return fields
  }

  private static func readParameters(_ spec: JSONObject, reader: inout WireReader) -> [Parameter] {
    var parameters: [Parameter] = []
    let path = "pipeline_spec.parameters"
    for (index, element) in (reader.array(spec, "parameters", path: path) ?? []).enumerated() {
      let place = "\(path)[\(index)]"
      guard case .object(let object) = element else {
        reader.wrongType(place, element, expected: "an object")
        continue
      }
      guard let name = reader.string(object, "name", path: "\(place).name"), !name.isEmpty else {
        reader.report(.warning, "\(place) has no name; ignored")
        continue
      }
      switch reader.member(object, "value") {
      case nil: parameters.append(Parameter(name: name, value: ""))
      case .string(let value): parameters.append(Parameter(name: name, value: value))
      case let value?:
        if let text = scalarText(value) {
          reader.report(
            .warning, "\(place).value is \(MetricsFileDecoder.article(value)), expected a string")
          parameters.append(Parameter(name: name, value: text))
        } else {
          reader.wrongType("\(place).value", value, expected: "a string")
        }
      }
    }
    // KFP v2 runs seen through the v1beta1 API carry their inputs in runtime_config instead.
    if parameters.isEmpty,
      let config = reader.object(spec, "runtime_config", path: "pipeline_spec.runtime_config"),
      let values = reader.member(config, "parameters")?.objectValue
    {
      for member in values.members {
        parameters.append(Parameter(name: member.key, value: scalarText(member.value) ?? ""))
      }
    }
    return parameters
  }

  private static func readReferences(
    _ object: JSONObject, reader: inout WireReader
  ) -> (experiment: ExperimentRef?, pipeline: String?, pipelineVersion: String?) {
    var experiment: ExperimentRef?
    var pipeline: String?
    var pipelineVersion: String?
    for (index, element) in (reader.array(object, "resource_references") ?? []).enumerated() {
      let place = "resource_references[\(index)]"
      guard case .object(let reference) = element else {
        reader.wrongType(place, element, expected: "an object")
        continue
      }
      let key = reader.object(reference, "key", path: "\(place).key")
      let type = key.flatMap { referenceType($0, place: place, reader: &reader) }
      let id = key.flatMap { reader.string($0, "id", path: "\(place).key.id") }
      let name = reader.string(reference, "name", path: "\(place).name")
      let usableID = id.flatMap { $0.isEmpty ? nil : $0 }
      let usableName = name.flatMap { $0.isEmpty ? nil : $0 }
      switch type {
      case "EXPERIMENT" where experiment == nil:
        if let label = usableName ?? usableID {
          experiment = ExperimentRef(id: usableID ?? label, name: label)
        }
      case "PIPELINE" where pipeline == nil: pipeline = usableName
      case "PIPELINE_VERSION" where pipelineVersion == nil: pipelineVersion = usableName
      default: break
      }
    }
    return (experiment, pipeline, pipelineVersion)
  }

  /// `key.type` as its enum name; proto3 JSON readers also accept the enum's number.
  private static func referenceType(
    _ key: JSONObject, place: String, reader: inout WireReader
  ) -> String? {
    let names = [
      "UNKNOWN_RESOURCE_TYPE", "EXPERIMENT", "JOB", "PIPELINE", "PIPELINE_VERSION", "NAMESPACE",
    ]
    switch reader.member(key, "type") {
    case nil: return nil
    case .string(let name): return name.uppercased()
    case .number(let number)
    where number >= 0 && number < Double(names.count) && number.rounded() == number:
      return names[Int(number)]
    case let value?:
      reader.wrongType("\(place).key.type", value, expected: "a resource type name")
      return nil
    }
  }

  private static func readMetrics(_ object: JSONObject, reader: inout WireReader) -> [Metric] {
    guard let elements = reader.array(object, "metrics") else { return [] }
    var metrics: [Metric] = []
    metrics.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      let place = "metrics[\(index)]"
      guard case .object(let entry) = element else {
        reader.report(
          .error, "\(place) is \(MetricsFileDecoder.article(element)), expected an object; skipped",
          entry: index)
        continue
      }
      guard let name = reader.member(entry, "name")?.stringValue, !name.isEmpty else {
        let found =
          reader.member(entry, "name").map { " (found \(MetricsFileDecoder.article($0)))" } ?? ""
        reader.report(.error, "\(place) has no name\(found); skipped", entry: index)
        continue
      }
      let label = "\(place) \(JSONText.quoted(name, limit: 80))"
      var nodeID = ""
      switch reader.member(entry, "node_id") {
      case nil: break
      case .string(let text): nodeID = text
      case let value?:
        reader.report(
          .warning,
          "\(label) node_id is \(MetricsFileDecoder.article(value)), expected a string; ignored",
          entry: index)
      }
      let value: Double
      switch reader.member(entry, "number_value") {
      case nil: value = 0
      case .number(let number): value = number
      // Proto3 JSON writes NaN and ±Infinity (and may write any double) as a string.
      case .string(let text) where Double(text) != nil: value = Double(text)!
      case let other?:
        reader.report(
          .error,
          "\(label) number_value is \(MetricsFileDecoder.article(other)), expected a number; skipped",
          entry: index)
        continue
      }
      if !value.isFinite {
        reader.report(
          .warning, "\(label) number_value is \(value), not a finite number", entry: index)
      }
      metrics.append(
        Metric(
          name: name, nodeID: nodeID, value: value,
          format: metricFormat(entry, label, index, &reader)))
    }
    return metrics
  }

  private static func metricFormat(
    _ entry: JSONObject, _ label: String, _ index: Int, _ reader: inout WireReader
  ) -> MetricFormat {
    let byNumber: [MetricFormat] = [.unspecified, .raw, .percentage]
    switch reader.member(entry, "format") {
    case nil: return .unspecified
    case .string(let text):
      if let format = MetricFormat(v1: text.uppercased()) { return format }
      reader.report(
        .warning,
        "\(label) format \(JSONText.quoted(text, limit: 80)) is unknown; shown unformatted",
        entry: index)
    case .number(let number) where number >= 0 && number <= 2 && number.rounded() == number:
      return byNumber[Int(number)]
    case let value?:
      reader.report(
        .warning,
        "\(label) format is \(MetricsFileDecoder.article(value)), expected a string; shown unformatted",
        entry: index)
    }
    return .unspecified
  }

  /// A string, number or boolean as text; `nil` for other values.
  private static func scalarText(_ value: JSONValue) -> String? {
    switch value {
    case .string(let text): text
    case .bool(let flag): flag ? "true" : "false"
    case .number(let number):
      number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    default: nil
    }
  }
}
