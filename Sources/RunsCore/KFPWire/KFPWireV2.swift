import Foundation

/// Reads KFP v2beta1 wire JSON (`Run`, `ListRunsResponse`, `ListExperimentsResponse`) into the
/// run model.
///
/// v2beta1 differs from v1beta1: `run_id`/`display_name`, a `state` enum, parameters in
/// `runtime_config.parameters` as JSON values, `experiment_id` without a name, `error` as a
/// `google.rpc.Status`, and no metrics (they live in ML Metadata). int64 values may arrive as
/// strings. As for v1, a malformed field never loses the run; only a run without an id is
/// skipped.
public enum KFPWireV2 {
  /// Reads one v2beta1 `Run`; `subject` names it in problems until its id is known.
  public static func run(
    from json: JSONValue, location: String, subject: String = "run"
  ) -> (run: Run?, pipelineID: String?, problems: [Problem]) {
    var reader = WireReader(location: location, subject: subject)
    guard case .object(let object) = json else {
      reader.report(
        .error, "is \(MetricsFileDecoder.article(json)), expected a Run object; skipped")
      return (nil, nil, reader.problems)
    }
    guard let id = reader.string(object, "run_id").flatMap({ $0.isEmpty ? nil : $0 }) else {
      reader.report(.error, "has no run_id; skipped")
      return (nil, nil, reader.problems)
    }
    reader.runID = id
    let name = reader.string(object, "display_name").flatMap { $0.isEmpty ? nil : $0 }
    let shortID = TextSanitizer.clean(String(id.prefix(80)))
    reader.subject =
      name.map { "run \(JSONText.quoted($0, limit: 80)) (\(shortID))" }
      ?? "run \(JSONText.quoted(id, limit: 80))"
    var run = Run(id: id, name: name ?? id)
    if let state = reader.string(object, "state"), !state.isEmpty {
      let status = status(state: state)
      run.status = status
      if status.rawValue.uppercased() != state.uppercased() {
        run.notes.append("KFP state: \(TextSanitizer.clean(state))")
      }
    }
    run.createdAt = reader.timestamp(object, "created_at")
    run.finishedAt = reader.timestamp(object, "finished_at")
    reader.checkDuration(created: run.createdAt, finished: run.finishedAt)
    if let experiment = reader.string(object, "experiment_id"), !experiment.isEmpty {
      run.experiment = ExperimentRef(id: experiment, name: experiment)
    }
    if let error = errorMessage(object, reader: &reader) {
      run.notes.append("Error: \(TextSanitizer.clean(error))")
      reader.report(.warning, "the run reports an error: \(JSONText.quoted(error, limit: 300))")
    }
    run.parameters = parameters(object, reader: &reader)
    run.pipeline = pipelineName(object, reader: &reader)
    var pipelineID: String?
    if run.pipeline == nil,
      let reference = reader.object(object, "pipeline_version_reference"),
      let pipeline = reader.string(
        reference, "pipeline_id", path: "pipeline_version_reference.pipeline_id"),
      !pipeline.isEmpty
    {
      pipelineID = pipeline
    }
    return (run, pipelineID, reader.problems)
  }

  /// Reads a v2beta1 `ListRunsResponse`; `pipelineIDs` maps a run id to the pipeline whose
  /// name the run does not carry (it names only a pipeline version reference).
  public static func runsPage(
    from json: JSONValue, location: String
  ) -> (page: KFPRunsPage, pipelineIDs: [String: String]) {
    var reader = WireReader(location: location, subject: "response")
    guard case .object(let top) = json else {
      reader.report(
        .error, "is \(MetricsFileDecoder.article(json)), expected a ListRunsResponse object")
      return (KFPRunsPage(problems: reader.problems), [:])
    }
    var page = KFPRunsPage()
    var pipelineIDs: [String: String] = [:]
    for (index, element) in (reader.array(top, "runs") ?? []).enumerated() {
      let read = run(from: element, location: location, subject: "runs[\(index)]")
      if let run = read.run {
        page.runs.append(run)
        if let pipeline = read.pipelineID { pipelineIDs[run.id] = pipeline }
      }
      page.problems += read.problems
    }
    page.totalSize = reader.integer(top, "total_size")
    page.nextPageToken = reader.string(top, "next_page_token").flatMap { $0.isEmpty ? nil : $0 }
    page.problems += reader.problems
    return (page, pipelineIDs)
  }

  /// Reads a v2beta1 `ListExperimentsResponse` (`experiments: [{experiment_id, display_name}]`).
  public static func experimentsPage(from json: JSONValue, location: String) -> KFPExperimentsPage {
    KFPWire.experimentsPage(
      from: json, location: location, idKey: "experiment_id", nameKey: "display_name")
  }

  /// Whether a JSON object is a v2beta1 `Run` (it has `run_id`, a v1 `ApiRun` has `id`).
  public static func isRun(_ json: JSONValue) -> Bool {
    json.objectValue?["run_id"] != nil || json.objectValue?["runId"] != nil
  }

  /// A v2beta1 `RuntimeState` as a status: CANCELING is terminating, CANCELED failed (as KFP
  /// shows a terminated v1 run), PAUSED pending (it may resume); anything else unknown.
  public static func status(state: String) -> RunStatus {
    switch state.uppercased() {
    case "PENDING": .pending
    case "RUNNING": .running
    case "SUCCEEDED": .succeeded
    case "SKIPPED": .skipped
    case "FAILED": .failed
    case "CANCELING": .terminating
    case "CANCELED": .failed
    case "PAUSED": .pending
    default: .unknown
    }
  }

  /// `error.message` of the `google.rpc.Status` (or a plain string, as hand-made files have).
  private static func errorMessage(_ object: JSONObject, reader: inout WireReader) -> String? {
    switch reader.member(object, "error") {
    case nil: return nil
    case .string(let text): return text.isEmpty ? nil : text
    case .object(let status):
      let message = reader.string(status, "message", path: "error.message") ?? ""
      return message.isEmpty ? nil : message
    case let value?:
      reader.wrongType("error", value, expected: "a google.rpc.Status object")
      return nil
    }
  }

  /// `runtime_config.parameters`: name → JSON value, as text (a string as itself, a number as
  /// JavaScript writes it, anything else as compact JSON).
  private static func parameters(_ object: JSONObject, reader: inout WireReader) -> [Parameter] {
    guard let config = reader.object(object, "runtime_config"),
      let values = reader.object(config, "parameters", path: "runtime_config.parameters")
    else { return [] }
    return values.members.map { Parameter(name: $0.key, value: parameterText($0.value)) }
  }

  /// A parameter value as shown: strings without quotes, numbers as JavaScript writes them.
  public static func parameterText(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): text
    case .number(let number): JavaScriptNumber.string(number)
    default: JSONWriter.compact(value)
    }
  }

  /// `pipeline_spec.pipelineInfo.name` (also inside `pipeline_spec.pipeline_spec`, the shape a
  /// spec with a platform spec takes).
  private static func pipelineName(_ object: JSONObject, reader: inout WireReader) -> String? {
    guard let spec = reader.object(object, "pipeline_spec") else { return nil }
    let inner = spec["pipeline_spec"]?.objectValue ?? spec
    let info = inner["pipelineInfo"]?.objectValue ?? inner["pipeline_info"]?.objectValue
    guard let name = info?["name"]?.stringValue, !name.isEmpty else { return nil }
    return name
  }
}
