import RunsCore

/// Runs from a saved KFP API response: a `ListRunsResponse`, a JSON array of `ApiRun` (or
/// `RunDetail`), one run object, or several of these one after another (JSON Lines, or answers
/// saved back to back); or one metrics file, which is one run.
public struct JSONFileSource: Sendable {
  /// Saved responses hold workflow manifests and can be large; beyond this, something is wrong.
  public static let maximumFileSize = 1 << 30

  /// The file, as the user wrote it.
  public let path: String

  /// Creates a source for the file `path`.
  public init(path: String) {
    self.path = path
  }

  /// Reads every run in the file; what cannot be read becomes a problem. A metrics file
  /// (`mlpipeline-metrics.json`/`.tgz`, `executor_output.json`) is read as one run.
  public func load() -> LoadResult {
    if MetricsFileSource.isMetricsFile(path) { return MetricsFileSource(path: path).load() }
    let bytes: [UInt8]
    switch BoundedFile.read(path, limit: Self.maximumFileSize) {
    case .contents(let contents, _): bytes = contents
    case .notRegular(let kind):
      return failure("the file is \(kind), not a regular file; skipped")
    case .tooLarge(let size):
      return failure(
        "the file is \(size) bytes, larger than the \(Self.maximumFileSize >> 20) MiB limit")
    case .failed(let message):
      return failure("the file \(message)")
    }

    let documents: [(location: String, value: JSONValue)]
    var problems: [Problem] = []
    do {
      let document = try JSONParser.parse(bytes)
      guard document.objectValue != nil || document.arrayValue != nil else {
        return failure("the file holds \(Self.scalarName(document)), not runs")
      }
      // A metrics file saved under another name reads as what it is.
      if let kind = Self.metricsFileKind(of: document) {
        return MetricsFileSource(path: path, kind: kind).load()
      }
      documents = [(path, document)]
    } catch {
      guard let sequence = sequence(bytes) else {
        return failure("the file is not valid JSON: \(error.description)")
      }
      documents = sequence.documents
      problems = sequence.problems
    }

    var runs: [Run] = []
    var unknown: [String] = []
    var sawV2 = false
    for (location, document) in documents {
      if Self.holdsV2Runs(document) {
        sawV2 = true
        readV2(document, location: location, runs: &runs, problems: &problems)
        continue
      }
      if let shape = read(document, location: location, runs: &runs, problems: &problems) {
        unknown.append(shape)
        if documents.count > 1 {
          problems.append(
            Problem(
              location: location, severity: .error, message: "holds \(shape), not runs; skipped"))
        }
      }
    }
    if runs.isEmpty, !unknown.isEmpty, unknown.count == documents.count {
      return failure(
        "the file holds \(unknown[0]): not a KFP runs response, a run, nor a metrics file")
    }
    if sawV2 {
      problems.append(
        Problem(
          location: path, severity: .warning,
          message:
            "saved v2 responses carry no metrics (they live in ML Metadata): give the server's "
            + "URL to see them"))
    }
    return LoadResult.collecting(runs: runs, problems: problems)
  }

  /// Whether a document is KFP v2beta1 runs: a `Run`, a `ListRunsResponse` of them, or an
  /// array of them (a v2 run has `run_id` where a v1 run has `id`).
  private static func holdsV2Runs(_ document: JSONValue) -> Bool {
    switch document {
    case .object(let object):
      if KFPWireV2.isRun(document) { return true }
      return object["runs"]?.arrayValue?.contains(where: KFPWireV2.isRun) ?? false
    case .array(let elements):
      return elements.contains(where: KFPWireV2.isRun)
    default:
      return false
    }
  }

  /// One v2beta1 document: a `Run`, a `ListRunsResponse` or an array of runs.
  private func readV2(
    _ document: JSONValue, location: String, runs: inout [Run], problems: inout [Problem]
  ) {
    if KFPWireV2.isRun(document) {
      let read = KFPWireV2.run(from: document, location: location)
      if let run = read.run { runs.append(run) }
      problems += read.problems
    } else if let elements = document.arrayValue {
      for (index, element) in elements.enumerated() {
        let read = KFPWireV2.run(from: element, location: location, subject: "[\(index)]")
        if let run = read.run { runs.append(run) }
        problems += read.problems
      }
    } else {
      let page = KFPWireV2.runsPage(from: document, location: location).page
      runs += page.runs
      problems += page.problems
    }
  }

  /// The result when the file cannot be read at all: nothing loads, and the CLI exits 3.
  private func failure(_ message: String) -> LoadResult {
    let problem = Problem(location: path, severity: .error, message: message)
    return LoadResult(problems: [problem], sourceFailure: problem)
  }

  /// One document: a `ListRunsResponse`, a run (`ApiRun` or `RunDetail`) or an array of runs.
  /// Returns what the document holds when it is none of these (for the one clear error).
  private func read(
    _ document: JSONValue, location: String, runs: inout [Run], problems: inout [Problem]
  ) -> String? {
    switch document {
    case .object(let object) where object["run"] != nil || object["id"] != nil:
      let read = KFPWire.run(from: document, location: location)
      if let run = read.run { runs.append(run) }
      problems += read.problems
    case .object(let object) where Self.isRunsPage(object):
      let page = KFPWire.runsPage(from: document, location: location)
      runs += page.runs
      problems += page.problems
    case .object(let object):
      return Self.describe(object)
    case .array(let elements):
      guard elements.isEmpty || elements.contains(where: Self.isRun) else {
        return Self.describe(elements)
      }
      for (index, element) in elements.enumerated() {
        let read = KFPWire.run(from: element, location: location, subject: "[\(index)]")
        if let run = read.run { runs.append(run) }
        problems += read.problems
      }
    default:
      problems.append(
        Problem(
          location: location, severity: .error,
          message:
            "holds \(document.typeName == "null" ? "null" : "a \(document.typeName)"), not runs"))
    }
    return nil
  }

  /// Keys of a `ListRunsResponse`; an empty response is `{}` (zero values are omitted).
  private static func isRunsPage(_ object: JSONObject) -> Bool {
    object.members.isEmpty
      || object.members.contains { ["runs", "total_size", "next_page_token"].contains($0.key) }
  }

  /// Whether an array element looks like a run (`ApiRun` or `RunDetail`).
  private static func isRun(_ element: JSONValue) -> Bool {
    element["id"] != nil || element["run"] != nil
  }

  /// The kind of metrics file a whole document is (`{"metrics": [...]}` or a `kfp.local`
  /// executor output), `nil` when it is something else.
  private static func metricsFileKind(of document: JSONValue) -> MetricsFileKind? {
    guard let object = document.objectValue, !isRunsPage(object), object["id"] == nil,
      object["run"] == nil
    else { return nil }
    if object["metrics"]?.arrayValue != nil { return .json }
    if object["artifacts"]?.objectValue != nil || object["parameterValues"] != nil {
      return .executorOutput
    }
    return nil
  }

  /// `a JSON object with keys "a", "b", …` for messages.
  private static func describe(_ object: JSONObject) -> String {
    let keys = object.members.prefix(5).map { JSONText.quoted($0.key, limit: 40) }
    let more = object.members.count > 5 ? ", …" : ""
    return "a JSON object with keys \(keys.joined(separator: ", "))\(more)"
  }

  /// `an array of 3 strings`, `an array of 2 objects, the first with keys …` for messages.
  private static func describe(_ elements: [JSONValue]) -> String {
    if let object = elements.first?.objectValue {
      let keys = object.members.prefix(5).map { JSONText.quoted($0.key, limit: 40) }
      return "an array of \(elements.count) objects, the first with keys "
        + keys.joined(separator: ", ") + (object.members.count > 5 ? ", …" : "")
    }
    return "an array of \(elements.count) \(elements.first?.typeName ?? "value")s"
  }

  /// The file read as JSON values one after another (JSON Lines, or answers saved back to back).
  /// `nil` when no value is a JSON object or array, or most fail: then the file is broken JSON.
  private func sequence(
    _ bytes: [UInt8]
  ) -> (documents: [(location: String, value: JSONValue)], problems: [Problem])? {
    var documents: [(location: String, value: JSONValue)] = []
    var problems: [Problem] = []
    for item in JSONParser.parseSequence(bytes) {
      let location = "\(path):\(item.line)"
      switch item.value {
      case .success(let value) where value.objectValue != nil || value.arrayValue != nil:
        documents.append((location, value))
      case .success(let value):
        problems.append(
          Problem(
            location: location, severity: .error,
            message: "holds \(Self.scalarName(value)), not runs"))
      case .failure(let error):
        let place =
          error.line == item.line
          ? "column \(error.column)" : "line \(error.line):\(error.column)"
        problems.append(
          Problem(
            location: location, severity: .error,
            message:
              "line \(item.line) is not valid JSON (\(place): \(error.reason)); skipped"
          ))
      }
    }
    guard !documents.isEmpty, problems.count <= documents.count else { return nil }
    return (documents, problems)
  }

  /// "a number", "null", …: the scalar a document is when it is not runs.
  private static func scalarName(_ value: JSONValue) -> String {
    value == .null ? "null" : "a \(value.typeName)"
  }

  private static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
