/// A parsed JSON document. Numbers are `Double`; bare `NaN`/`Infinity` tokens parse to those values
/// so that validation can reject them per entry with a clear message.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The member `key` of an object, `nil` for other values or a missing key.
  public subscript(key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }

  /// The string, when this is a string.
  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The number, when this is a number.
  public var numberValue: Double? {
    if case .number(let number) = self { return number }
    return nil
  }

  /// The elements, when this is an array.
  public var arrayValue: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }

  /// The object, when this is an object.
  public var objectValue: JSONObject? {
    if case .object(let object) = self { return object }
    return nil
  }

  /// A short name of the value's type for messages: "string", "number", "object", …
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }
}

/// A JSON object's members in document order. Of a key that appears more than once the last
/// value wins on lookup, as in Go's `encoding/json`, which KFP's server decodes with.
public struct JSONObject: Sendable, Hashable {
  /// One `"key": value` member.
  public struct Member: Sendable, Hashable {
    /// The member's key.
    public var key: String
    /// The member's value.
    public var value: JSONValue

    /// Creates a member.
    public init(key: String, value: JSONValue) {
      self.key = key
      self.value = value
    }
  }

  /// The members in document order.
  public var members: [Member]

  /// The keys that appear more than once, each once, in the order they first repeat.
  public let repeatedKeys: [String]

  /// Creates an object from its members.
  public init(members: [Member] = []) {
    self.members = members
    repeatedKeys = Self.repeatedKeys(in: members)
  }

  /// The value of the last member named `key`.
  public subscript(key: String) -> JSONValue? {
    members.last { $0.key == key }?.value
  }

  private static func repeatedKeys(in members: [Member]) -> [String] {
    var repeated: [String] = []
    // Pairs cost less than hashing for the few members most objects have.
    if members.count <= 16 {
      for index in members.indices.dropFirst()
      where members[..<index].contains(where: { $0.key == members[index].key })
        && !repeated.contains(members[index].key)
      {
        repeated.append(members[index].key)
      }
      return repeated
    }
    var seen = Set<String>(minimumCapacity: members.count)
    for member in members where !seen.insert(member.key).inserted {
      if !repeated.contains(member.key) { repeated.append(member.key) }
    }
    return repeated
  }
}

/// Why a document is not valid JSON, with the 1-based line and column where parsing stopped.
public struct JSONParseError: Error, Sendable, Hashable {
  /// 1-based line of the offending byte.
  public var line: Int
  /// 1-based column (in bytes) of the offending byte.
  public var column: Int
  /// What was wrong, e.g. "unexpected end of input".
  public var reason: String

  /// Creates a parse error.
  public init(line: Int, column: Int, reason: String) {
    self.line = line
    self.column = column
    self.reason = reason
  }

  /// `line L:C: reason`.
  public var description: String { "line \(line):\(column): \(reason)" }
}
