import Foundation

/// Reads fields of a KFP wire object, turning every malformed value into a problem.
///
/// Lookups try the wire's snake_case name first and the camelCase spelling second (the JSON a
/// Python client's `to_dict()` or a hand-edited file may use). A `null` member counts as absent,
/// as proto3 JSON defines it.
struct WireReader {
  /// Where the object came from: a file path or a URL.
  let location: String
  /// Names the object in messages, e.g. `run 4f2c…` or `runs[3]`.
  var subject: String
  /// The id of the run being read, once known.
  var runID: String?
  /// Everything that could not be used.
  var problems: [Problem] = []

  init(location: String, subject: String) {
    self.location = location
    self.subject = subject
  }

  /// The member `name` (or its camelCase spelling), `nil` when absent or `null`. Of a name the
  /// object repeats, the last value, with a warning.
  mutating func member(_ object: JSONObject, _ name: String) -> JSONValue? {
    let camel = Self.camelCase(name)
    let found = object[name] != nil ? name : camel
    if !object.repeatedKeys.isEmpty, object.repeatedKeys.contains(found) {
      report(.warning, Self.repeatedKeyMessage(found))
    }
    if let value = object[found], value != .null { return value }
    return nil
  }

  /// What to say about a key that appears more than once in an object.
  static func repeatedKeyMessage(_ key: String) -> String {
    "\(JSONText.quoted(key, limit: 80)) appears more than once; the last value is used, as KFP does"
  }

  mutating func report(_ severity: Severity, _ message: String, entry: Int? = nil) {
    problems.append(
      Problem(
        location: location, entry: entry, severity: severity, message: "\(subject): \(message)",
        runID: runID))
  }

  mutating func wrongType(_ path: String, _ value: JSONValue, expected: String, entry: Int? = nil) {
    report(
      .warning, "\(path) is \(MetricsFileDecoder.article(value)), expected \(expected); ignored",
      entry: entry
    )
  }

  /// A string member; a value of another type is reported and ignored.
  mutating func string(_ object: JSONObject, _ name: String, path: String? = nil) -> String? {
    guard let value = member(object, name) else { return nil }
    if case .string(let text) = value { return text }
    wrongType(path ?? name, value, expected: "a string")
    return nil
  }

  /// An object member; a value of another type is reported and ignored.
  mutating func object(_ object: JSONObject, _ name: String, path: String? = nil) -> JSONObject? {
    guard let value = member(object, name) else { return nil }
    if case .object(let inner) = value { return inner }
    wrongType(path ?? name, value, expected: "an object")
    return nil
  }

  /// An array member; a value of another type is reported and ignored.
  mutating func array(_ object: JSONObject, _ name: String, path: String? = nil) -> [JSONValue]? {
    guard let value = member(object, name) else { return nil }
    if case .array(let elements) = value { return elements }
    wrongType(path ?? name, value, expected: "an array")
    return nil
  }

  /// A timestamp member; the Unix epoch (and anything before it) is proto3's "not set".
  mutating func timestamp(_ object: JSONObject, _ name: String) -> Date? {
    guard let text = string(object, name) else { return nil }
    if text.isEmpty { return nil }
    guard let date = RFC3339.parse(text) else {
      report(
        .warning,
        "\(name) \(JSONText.quoted(text, limit: 80)) is not an RFC 3339 timestamp; ignored")
      return nil
    }
    return date.timeIntervalSince1970 <= 0 ? nil : date
  }

  /// Warns when `finished` is before `created` or more than a year after it (the duration is
  /// then left blank).
  mutating func checkDuration(created: Date?, finished: Date?) {
    guard let created, let finished else { return }
    let seconds = finished.timeIntervalSince(created)
    let times = (TimeText.rfc3339UTC(finished), TimeText.rfc3339UTC(created))
    if seconds < 0 {
      report(
        .warning,
        "finished_at \(times.0) is before created_at \(times.1); the duration is left blank")
    } else if seconds > Run.longestDuration {
      report(
        .warning,
        "finished_at \(times.0) is more than a year after created_at \(times.1); the "
          + "duration is left blank")
    }
  }

  /// An integer that proto3 JSON may write as a number or, for 64-bit fields, as a string.
  mutating func integer(_ object: JSONObject, _ name: String) -> Int? {
    guard let value = member(object, name) else { return nil }
    switch value {
    case .number(let number) where number.rounded() == number && abs(number) < 1e15:
      return Int(number)
    case .string(let text) where Int(text) != nil:
      return Int(text)
    default:
      wrongType(name, value, expected: "an integer")
      return nil
    }
  }

  /// `created_at` → `createdAt`.
  static func camelCase(_ name: String) -> String {
    guard name.utf8.contains(UInt8(ascii: "_")) else { return name }
    var result = ""
    var upperNext = false
    for character in name {
      if character == "_" {
        upperNext = true
      } else if upperNext {
        result += character.uppercased()
        upperNext = false
      } else {
        result.append(character)
      }
    }
    return result
  }
}
