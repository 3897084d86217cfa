/// Reads one `mlpipeline-metrics.json` file and applies every validation rule of the metrics
/// file format: bad entries are skipped with an error, questionable ones kept with a warning, and
/// the valid entries of a file always load.
public enum MetricsFileDecoder {
  /// Files larger than this are not read (KFP's own agent stops at 1 MiB).
  public static let maximumFileSize = 16 * 1024 * 1024

  /// KFP keeps at most this many metrics per run; more load here, with a warning.
  public static let kfpMetricsLimit = 50

  /// How many characters of a value a message quotes before cutting it with `…`.
  static let quoteLimit = 80

  /// Decodes the metrics of one file. `path` becomes the problems' location and `nodeID` the
  /// metrics' node.
  public static func decode(_ bytes: [UInt8], path: String, nodeID: String) -> MetricsFileResult {
    if bytes.count > maximumFileSize {
      return MetricsFileResult(problems: [tooLargeProblem(path: path, size: bytes.count)])
    }
    let document: JSONValue
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      let message =
        error.reason == "empty input"
        ? "the file is empty, not JSON; the file is skipped"
        : "invalid JSON at line \(error.line):\(error.column): \(error.reason); the file is skipped"
      return MetricsFileResult(problems: [
        Problem(location: path, severity: .error, message: message)
      ])
    }
    return decode(document, path: path, nodeID: nodeID)
  }

  /// Decodes the metrics of an already parsed file.
  public static func decode(_ document: JSONValue, path: String, nodeID: String)
    -> MetricsFileResult
  {
    var result = MetricsFileResult()
    func fileError(_ message: String) -> MetricsFileResult {
      MetricsFileResult(problems: [Problem(location: path, severity: .error, message: message)])
    }
    guard let top = document.objectValue else {
      return fileError(
        "the top level is \(article(document)), not an object with a \"metrics\" array; the file is skipped"
      )
    }
    guard let metricsValue = top["metrics"] else {
      return fileError("the top-level object has no \"metrics\" array; the file is skipped")
    }
    guard let entries = metricsValue.arrayValue else {
      return fileError("\"metrics\" is \(article(metricsValue)), not an array; the file is skipped")
    }

    if top.repeatedKeys.contains("metrics") {
      result.problems.append(
        Problem(
          location: path, severity: .warning, message: WireReader.repeatedKeyMessage("metrics")))
    }

    var kept = KeptNames()
    result.metrics.reserveCapacity(entries.count)
    for (index, entry) in entries.enumerated() {
      var errors: [String] = []
      guard let object = entry.objectValue else {
        result.problems.append(
          Problem(
            location: path, entry: index, severity: .error,
            message: "the entry is \(article(entry)), not an object; entry skipped"))
        continue
      }
      for key in object.repeatedKeys where Self.entryKeys.contains(key) {
        result.problems.append(
          Problem(
            location: path, entry: index, severity: .warning,
            message: WireReader.repeatedKeyMessage(key)))
      }
      let name = checkName(object["name"], errors: &errors)
      let value = checkValue(object["numberValue"] ?? object["number_value"], errors: &errors)
      let format = checkFormat(object["format"], errors: &errors)

      guard errors.isEmpty, let name, let value, let format else {
        for message in errors {
          result.problems.append(
            Problem(location: path, entry: index, severity: .error, message: message))
        }
        continue
      }
      if let first = kept.entry(of: name) {
        result.problems.append(
          Problem(
            location: path, entry: index, severity: .warning,
            message:
              "name \(quote(name)) was already reported by entry \(first); KFP keeps the first, so this entry is ignored"
          ))
        continue
      }
      if !MetricName.isDocumented(name) {
        result.problems.append(
          Problem(
            location: path, entry: index, severity: .warning,
            message:
              "name \(quote(name)) does not follow the documented pattern \(MetricName.documentedPattern) (the KFP server accepts it)"
          ))
      }
      kept.insert(name, entry: index)
      result.metrics.append(Metric(name: name, nodeID: nodeID, value: value, format: format))
    }
    return result
  }

  /// The members of an entry that are read.
  private static let entryKeys: Set<String> = ["name", "numberValue", "number_value", "format"]

  /// The problem for a file over ``maximumFileSize``, so every source words it the same.
  public static func tooLargeProblem(path: String, size: Int) -> Problem {
    Problem(
      location: path, severity: .error,
      message:
        "the file is \(size) bytes, larger than the \(maximumFileSize / 1024 / 1024) MiB limit; the file is skipped"
    )
  }

  /// The warning for a run with more than ``kfpMetricsLimit`` metrics, `nil` when it has no more.
  public static func metricsLimitProblem(count: Int, location: String) -> Problem? {
    guard count > kfpMetricsLimit else { return nil }
    return Problem(
      location: location, severity: .warning,
      message:
        "the run has \(count) metrics; KFP keeps only \(kfpMetricsLimit) of them, all are shown here"
    )
  }

  // MARK: Fields

  static func checkName(_ value: JSONValue?, errors: inout [String]) -> String? {
    guard let value else {
      errors.append("\"name\" is missing; entry skipped")
      return nil
    }
    guard let name = value.stringValue else {
      errors.append("\"name\" is \(article(value)), not a string; entry skipped")
      return nil
    }
    if let reason = MetricName.rejection(name) {
      errors.append(
        "name \(quote(name)) does not match \(MetricName.acceptedPattern) (\(reason)); entry skipped"
      )
      return nil
    }
    return name
  }

  static func checkValue(_ value: JSONValue?, errors: inout [String]) -> Double? {
    switch value {
    case nil:
      errors.append("\"numberValue\" is missing; entry skipped")
    case .number(let number) where number.isFinite:
      return number
    case .number(let number):
      let reads = number.isNaN ? "NaN" : number > 0 ? "Infinity" : "-Infinity"
      errors.append("\"numberValue\" is not a finite number (it reads as \(reads)); entry skipped")
    case .string(let text):
      errors.append("\"numberValue\" is the string \(quote(text)), not a number; entry skipped")
    case let other?:
      errors.append("\"numberValue\" is \(article(other)), not a number; entry skipped")
    }
    return nil
  }

  static func checkFormat(_ value: JSONValue?, errors: inout [String]) -> MetricFormat? {
    switch value {
    case nil, .null?:
      return .unspecified
    case .string("RAW"):
      return .raw
    case .string("PERCENTAGE"):
      return .percentage
    case .string(let text):
      let hint =
        ["RAW", "PERCENTAGE"].contains(text.uppercased()) ? " (KFP is case-sensitive)" : ""
      errors.append(
        "\"format\" is \(quote(text)), not \"RAW\" or \"PERCENTAGE\"\(hint); entry skipped")
    case let other?:
      errors.append("\"format\" is \(article(other)), not \"RAW\" or \"PERCENTAGE\"; entry skipped")
    }
    return nil
  }

  /// The names kept so far and the entry that reported each: a linear scan while few (most files
  /// hold a handful of metrics, and hashing costs more than comparing), a dictionary past that.
  struct KeptNames {
    static let linearLimit = 32
    private var names: [String] = []
    private var entries: [Int] = []
    private var index: [String: Int]?

    /// The entry that reported `name`, `nil` when no kept entry has it.
    func entry(of name: String) -> Int? {
      if let index { return index[name] }
      return names.firstIndex(of: name).map { entries[$0] }
    }

    mutating func insert(_ name: String, entry: Int) {
      if index != nil {
        index?[name] = entry
        return
      }
      names.append(name)
      entries.append(entry)
      if names.count > Self.linearLimit {
        index = Dictionary(zip(names, entries)) { first, _ in first }
      }
    }
  }

  // MARK: Wording

  static func quote(_ text: String) -> String {
    JSONText.quoted(text, limit: quoteLimit)
  }

  /// "an array", "a number", "null": a value's type as a message names it.
  static func article(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .array, .object: "an \(value.typeName)"
    default: "a \(value.typeName)"
    }
  }
}
