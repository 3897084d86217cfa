import RunsCore

/// Runs from a saved KFP API response: a `ListRunsResponse`, a JSON array of `ApiRun` (or
/// `RunDetail`), one run object, or JSON Lines of any of these.
public struct JSONFileSource: Sendable {
  /// Saved responses hold workflow manifests and can be large; beyond this, something is wrong.
  public static let maximumFileSize = 1 << 30

  /// The file, as the user wrote it.
  public let path: String

  /// Creates a source for the file `path`.
  public init(path: String) {
    self.path = path
  }

  /// Reads every run in the file; what cannot be read becomes a problem.
  public func load() -> LoadResult {
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

    var runs: [Run] = []
    var problems: [Problem] = []
    do {
      let document = try JSONParser.parse(bytes)
      guard document.objectValue != nil || document.arrayValue != nil else {
        return failure("the file holds \(Self.scalarName(document)), not runs")
      }
      read(document, location: path, runs: &runs, problems: &problems)
    } catch {
      guard let lines = Self.jsonLines(bytes) else {
        return failure("the file is not valid JSON: \(error.description)")
      }
      for line in lines {
        let location = "\(path):\(line.number)"
        switch line.value {
        case .success(let document):
          read(document, location: location, runs: &runs, problems: &problems)
        case .failure(let error):
          problems.append(
            Problem(
              location: location, severity: .error,
              message:
                "line \(line.number) is not valid JSON (column \(error.column): \(error.reason)); skipped"
            ))
        }
      }
    }
    return LoadResult.collecting(runs: runs, problems: problems)
  }

  /// The result when the file cannot be read at all: nothing loads, and the CLI exits 3.
  private func failure(_ message: String) -> LoadResult {
    let problem = Problem(location: path, severity: .error, message: message)
    return LoadResult(problems: [problem], sourceFailure: problem)
  }

  /// One document: a `ListRunsResponse`, a run (`ApiRun` or `RunDetail`) or an array of runs.
  private func read(
    _ document: JSONValue, location: String, runs: inout [Run], problems: inout [Problem]
  ) {
    switch document {
    case .object(let object) where object["run"] != nil || object["id"] != nil:
      let read = KFPWire.run(from: document, location: location)
      if let run = read.run { runs.append(run) }
      problems += read.problems
    case .object:
      let page = KFPWire.runsPage(from: document, location: location)
      runs += page.runs
      problems += page.problems
    case .array(let elements):
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
  }

  /// The file read as JSON Lines: each non-blank line parsed on its own. `nil` when no line is a
  /// JSON object or array, or most lines fail: then the file is broken JSON, not JSON Lines.
  private static func jsonLines(
    _ bytes: [UInt8]
  ) -> [(number: Int, value: Result<JSONValue, JSONParseError>)]? {
    var lines: [(number: Int, value: Result<JSONValue, JSONParseError>)] = []
    var anyDocument = false
    var failures = 0
    var start = 0
    var number = 1
    while start <= bytes.count {
      let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
      let line = bytes[start..<end]
      if line.contains(where: { !isWhitespace($0) }) {
        do {
          let value = try JSONParser.parse(line)
          if value.objectValue != nil || value.arrayValue != nil { anyDocument = true }
          lines.append((number, .success(value)))
        } catch {
          lines.append((number, .failure(error)))
          failures += 1
        }
      }
      start = end + 1
      number += 1
    }
    return anyDocument && failures * 2 <= lines.count ? lines : nil
  }

  /// "a number", "null", …: the scalar a document is when it is not runs.
  private static func scalarName(_ value: JSONValue) -> String {
    value == .null ? "null" : "a \(value.typeName)"
  }

  private static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
