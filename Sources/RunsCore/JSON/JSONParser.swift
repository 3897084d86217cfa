/// A strict, fast RFC 8259 JSON parser that also reads the bare `NaN`, `Infinity` and `-Infinity`
/// tokens Python's `json.dump` writes, so that validation can reject them per entry.
///
/// It never crashes on any input: it works iteratively over the bytes (no recursion), refuses
/// nesting deeper than ``maximumDepth`` levels, and reports the 1-based line and column of the
/// offending byte.
public enum JSONParser {
  /// The deepest nesting of arrays and objects accepted.
  public static let maximumDepth = 512

  /// Parses one JSON document (an optional UTF-8 byte order mark, one value, whitespace).
  public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
    let result = bytes.withUnsafeBufferPointer { parseResult($0) }
    return try result.get()
  }

  /// Parses one JSON document held in a slice of a larger buffer (e.g. one line of JSON Lines).
  /// Lines and columns count from the start of the slice.
  public static func parse(_ bytes: ArraySlice<UInt8>) throws(JSONParseError) -> JSONValue {
    let result = bytes.withUnsafeBufferPointer { parseResult($0) }
    return try result.get()
  }

  /// Parses one JSON document given as text.
  public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    var text = text
    let result = text.withUTF8 { parseResult($0) }
    return try result.get()
  }

  /// Parses one JSON document in a byte buffer.
  public static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue
  {
    try parseResult(buffer).get()
  }

  /// One value of a sequence: the 1-based line it starts on, and the value or why it failed.
  public struct SequenceItem: Sendable {
    /// The line the value starts on.
    public var line: Int
    /// The value, or the error that stopped it (its line and column count from the file start).
    public var value: Result<JSONValue, JSONParseError>
  }

  /// Parses JSON values one after another: JSON Lines, or documents written back to back with
  /// no separator (two API answers saved with `curl … >> file`). After a value that fails,
  /// reading resumes on the line after the one it started on, so one cut-off line costs only
  /// itself.
  public static func parseSequence(_ bytes: [UInt8]) -> [SequenceItem] {
    bytes.withUnsafeBufferPointer { buffer -> [SequenceItem] in
      guard let base = buffer.baseAddress, !buffer.isEmpty else { return [] }
      var parser = JSONByteParser(base: base, count: buffer.count)
      parser.stopsAfterValue = true
      var items: [SequenceItem] = []
      var line = 1
      var counted = 0
      while true {
        parser.skipWhitespace()
        // A byte order mark may start the file, or each line of files joined together.
        let at = parser.index
        if at + 3 <= buffer.count, buffer[at] == 0xEF, buffer[at + 1] == 0xBB,
          buffer[at + 2] == 0xBF
        {
          parser.index = at + 3
          continue
        }
        let valueStart = parser.index
        guard valueStart < buffer.count else { return items }
        for position in counted..<valueStart where buffer[position] == 0x0A { line += 1 }
        counted = valueStart
        do throws(JSONParseError) {
          items.append(SequenceItem(line: line, value: .success(try parser.parseDocument())))
        } catch {
          items.append(SequenceItem(line: line, value: .failure(error)))
          var next = valueStart
          while next < buffer.count, buffer[next] != 0x0A { next += 1 }
          parser.index = next
        }
      }
    }
  }

  private static func parseResult(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<
    JSONValue, JSONParseError
  > {
    guard let base = buffer.baseAddress, !buffer.isEmpty else {
      return .failure(JSONParseError(line: 1, column: 1, reason: "empty input"))
    }
    var parser = JSONByteParser(base: base, count: buffer.count)
    do throws(JSONParseError) {
      return .success(try parser.parseDocument())
    } catch {
      return .failure(error)
    }
  }
}

/// The parser's state: a read index over the bytes, plus an explicit stack of open containers.
private struct JSONByteParser {
  let bytes: UnsafePointer<UInt8>
  let end: Int
  var index = 0
  /// Where the document starts (3 after a byte order mark), so columns match what editors show.
  var start = 0
  /// Reused for strings with escapes, so decoding them does not allocate per string.
  var scratch: [UInt8] = []
  /// Whether a value ends the parse, leaving the index after it (reading a sequence of values),
  /// instead of requiring the input to end there.
  var stopsAfterValue = false

  init(base: UnsafePointer<UInt8>, count: Int) {
    bytes = base
    end = count
  }

  // MARK: Document and containers

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    if index == 0, end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      index = 3
      start = 3
    }
    skipWhitespace()
    if index == end { throw error(at: index, "empty input") }

    // Open containers, innermost last, each with where its elements start in the shared
    // `elements` / `members` stacks. A closed container copies its slice out in one allocation.
    var open: [(isObject: Bool, start: Int)] = []
    var elements: [JSONValue] = []
    // An object's member is pushed with its key and a placeholder value, filled in when read.
    var members: [JSONObject.Member] = []
    open.reserveCapacity(8)
    elements.reserveCapacity(16)
    members.reserveCapacity(16)

    while true {
      // Expecting a value.
      skipWhitespace()
      guard index < end else { throw error(at: index, "unexpected end of input") }
      var value: JSONValue
      let byte = bytes[index]
      if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
        if open.count >= JSONParser.maximumDepth {
          throw error(at: index, "nesting deeper than \(JSONParser.maximumDepth) levels")
        }
        index += 1
        skipWhitespace()
        if byte == UInt8(ascii: "[") {
          if index < end, bytes[index] == UInt8(ascii: "]") {
            index += 1
            value = .array([])
          } else {
            open.append((false, elements.count))
            continue
          }
        } else {
          if index < end, bytes[index] == UInt8(ascii: "}") {
            index += 1
            value = .object(JSONObject())
          } else {
            open.append((true, members.count))
            members.append(JSONObject.Member(key: try parseKey(), value: .null))
            continue
          }
        }
      } else {
        value = try parseScalar()
      }

      // Attach the value to its container; close every container that ends here.
      while true {
        guard let container = open.last else {
          if stopsAfterValue { return value }
          skipWhitespace()
          if index != end { throw error(at: index, "unexpected data after the JSON value") }
          return value
        }
        skipWhitespace()
        if container.isObject {
          members[members.count - 1].value = value
          guard index < end else { throw error(at: index, "unexpected end of input") }
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            skipWhitespace()
            members.append(JSONObject.Member(key: try parseKey(), value: .null))
            break
          }
          guard bytes[index] == UInt8(ascii: "}") else {
            throw error(at: index, "expected ',' or '}'")
          }
          index += 1
          open.removeLast()
          value = .object(JSONObject(members: Array(members[container.start...])))
          members.removeSubrange(container.start...)
        } else {
          elements.append(value)
          guard index < end else { throw error(at: index, "unexpected end of input") }
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            break
          }
          guard bytes[index] == UInt8(ascii: "]") else {
            throw error(at: index, "expected ',' or ']'")
          }
          index += 1
          open.removeLast()
          value = .array(Array(elements[container.start...]))
          elements.removeSubrange(container.start...)
        }
      }
    }
  }

  /// Reads `"key"` then `:`, leaving the index after the colon.
  mutating func parseKey() throws(JSONParseError) -> String {
    guard index < end else { throw error(at: index, "unexpected end of input") }
    guard bytes[index] == UInt8(ascii: "\"") else {
      throw error(at: index, "expected a string key in double quotes")
    }
    let key = try parseString()
    skipWhitespace()
    guard index < end else { throw error(at: index, "unexpected end of input") }
    guard bytes[index] == UInt8(ascii: ":") else { throw error(at: index, "expected ':'") }
    index += 1
    return key
  }

  mutating func parseScalar() throws(JSONParseError) -> JSONValue {
    switch bytes[index] {
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return .null
    case UInt8(ascii: "N"):
      try expectLiteral("NaN")
      return .number(.nan)
    case UInt8(ascii: "I"):
      try expectLiteral("Infinity")
      return .number(.infinity)
    default:
      throw error(at: index, "expected a value but found \(describe(bytes[index]))")
    }
  }

  mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
    let text = literal.utf8Start
    for offset in 0..<literal.utf8CodeUnitCount {
      guard index < end else { throw error(at: index, "unexpected end of input") }
      guard bytes[index] == text[offset] else {
        throw error(at: index, "invalid literal (expected '\(literal)')")
      }
      index += 1
    }
  }

  @inline(__always)
  mutating func skipWhitespace() {
    while index < end {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  // MARK: Strings

  /// Reads a string starting at its opening quote.
  mutating func parseString() throws(JSONParseError) -> String {
    index += 1
    let first = index
    // Fast path: no escapes, so the string is the slice itself.
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text = String(
          decoding: UnsafeBufferPointer(start: bytes + first, count: index - first), as: UTF8.self)
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw error(at: index, "unescaped control character in string") }
      if byte >= 0x80 {
        index += try utf8SequenceLength(at: index)
      } else {
        index += 1
      }
    }
    guard index < end else { throw error(at: index, "unexpected end of input inside a string") }
    return try parseEscapedString(from: first)
  }

  /// The slow path: copies the bytes into `scratch`, decoding escapes.
  mutating func parseEscapedString(from first: Int) throws(JSONParseError) -> String {
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + first, count: index - first))
    while index < end {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return String(decoding: scratch, as: UTF8.self)
      case UInt8(ascii: "\\"):
        index += 1
        guard index < end else { throw error(at: index, "unexpected end of input inside a string") }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"): appendUTF8(try parseUnicodeEscape())
        default: throw error(at: index - 1, "invalid escape")
        }
      case 0..<0x20:
        throw error(at: index, "unescaped control character in string")
      case 0x80...:
        let length = try utf8SequenceLength(at: index)
        scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + index, count: length))
        index += length
      default:
        scratch.append(byte)
        index += 1
      }
    }
    throw error(at: index, "unexpected end of input inside a string")
  }

  /// Reads the `XXXX` after `\u` (and a following `\uXXXX` low surrogate when this is a high
  /// one). A surrogate without its partner becomes U+FFFD.
  mutating func parseUnicodeEscape() throws(JSONParseError) -> UInt32 {
    let unit = try parseHex4()
    switch unit {
    case 0xD800...0xDBFF:
      if index + 1 < end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
      {
        let saved = index
        index += 2
        let low = try parseHex4()
        if (0xDC00...0xDFFF).contains(low) {
          return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        }
        // Not a low surrogate: leave that escape to be read on its own.
        index = saved
      }
      return 0xFFFD
    case 0xDC00...0xDFFF:
      return 0xFFFD
    default:
      return unit
    }
  }

  mutating func parseHex4() throws(JSONParseError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard index < end else { throw error(at: index, "unexpected end of input inside a string") }
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error(at: index, "invalid \\u escape (expected 4 hex digits)")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  mutating func appendUTF8(_ scalar: UInt32) {
    switch scalar {
    case 0..<0x80:
      scratch.append(UInt8(scalar))
    case 0x80..<0x800:
      scratch.append(UInt8(0xC0 | scalar >> 6))
      scratch.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      scratch.append(UInt8(0xE0 | scalar >> 12))
      scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      scratch.append(UInt8(0x80 | scalar & 0x3F))
    default:
      scratch.append(UInt8(0xF0 | scalar >> 18))
      scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      scratch.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// The length of the well-formed UTF-8 sequence starting at `position` (a byte ≥ 0x80), or an
  /// "invalid UTF-8" error there (overlong forms, surrogates and values past U+10FFFF included).
  func utf8SequenceLength(at position: Int) throws(JSONParseError) -> Int {
    let lead = bytes[position]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF:
      length = 3
      if lead == 0xE0 { low = 0xA0 }
      if lead == 0xED { high = 0x9F }
    case 0xF0...0xF4:
      length = 4
      if lead == 0xF0 { low = 0x90 }
      if lead == 0xF4 { high = 0x8F }
    default: throw error(at: position, "invalid UTF-8")
    }
    for offset in 1..<length {
      let at = position + offset
      guard at < end else { throw error(at: position, "invalid UTF-8") }
      let byte = bytes[at]
      let (min, max) = offset == 1 ? (low, high) : (0x80, 0xBF)
      guard byte >= min, byte <= max else { throw error(at: position, "invalid UTF-8") }
    }
    return length
  }

  // MARK: Numbers

  /// Reads a number by the strict JSON grammar (or `-Infinity`). Short decimals are converted
  /// exactly by Clinger's fast path; the rest by the standard library's correctly rounded parser.
  mutating func parseNumber() throws(JSONParseError) -> Double {
    let first = index
    var negative = false
    if bytes[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
      guard index < end else { throw error(at: index, "unexpected end of input") }
      if bytes[index] == UInt8(ascii: "I") {
        try expectLiteral("Infinity")
        return -.infinity
      }
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var exponent = 0

    guard index < end, isDigit(bytes[index]) else {
      throw error(
        at: index, index < end ? "invalid number (expected a digit)" : "unexpected end of input")
    }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
      if index < end, isDigit(bytes[index]) {
        throw error(at: index, "invalid number (leading zero)")
      }
    } else {
      while index < end, isDigit(bytes[index]) {
        accumulate(bytes[index], &mantissa, &digits)
        index += 1
      }
    }
    if index < end, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < end, isDigit(bytes[index]) else {
        throw error(
          at: index,
          index < end ? "invalid number (expected a digit after '.')" : "unexpected end of input")
      }
      while index < end, isDigit(bytes[index]) {
        accumulate(bytes[index], &mantissa, &digits)
        exponent -= 1
        index += 1
      }
    }
    if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      var exponentNegative = false
      if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        exponentNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      guard index < end, isDigit(bytes[index]) else {
        throw error(
          at: index,
          index < end
            ? "invalid number (expected a digit in the exponent)" : "unexpected end of input")
      }
      var explicit = 0
      while index < end, isDigit(bytes[index]) {
        // Saturate: anything this large is zero or infinity anyway.
        if explicit < 100_000 { explicit = explicit * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
        index += 1
      }
      exponent += exponentNegative ? -explicit : explicit
    }

    // `digits` counts significant digits only once a non-zero digit has been seen.
    if digits <= 19, mantissa <= 1 << 53, (-22...22).contains(exponent) {
      var value = Double(mantissa)
      if exponent < 0 {
        value /= powersOfTen[-exponent]
      } else {
        value *= powersOfTen[exponent]
      }
      return negative ? -value : value
    }
    let text = String(
      decoding: UnsafeBufferPointer(start: bytes + first, count: index - first), as: UTF8.self)
    // The grammar was checked above, so this always succeeds; NaN is unreachable.
    return Double(text) ?? .nan
  }

  @inline(__always)
  func isDigit(_ byte: UInt8) -> Bool {
    byte &- UInt8(ascii: "0") < 10
  }

  @inline(__always)
  func accumulate(_ byte: UInt8, _ mantissa: inout UInt64, _ digits: inout Int) {
    if digits > 19 { return }
    if mantissa == 0 && byte == UInt8(ascii: "0") { return }
    digits += 1
    if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0")) }
  }

  // MARK: Errors

  func describe(_ byte: UInt8) -> String {
    if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    let hex = String(byte, radix: 16, uppercase: true)
    return "byte 0x\(hex.count == 1 ? "0" : "")\(hex)"
  }

  /// An error at byte `offset`, with its 1-based line and byte column.
  func error(at offset: Int, _ reason: String) -> JSONParseError {
    var line = 1
    var lineStart = start
    for position in start..<min(offset, end) where bytes[position] == 0x0A {
      line += 1
      lineStart = position + 1
    }
    return JSONParseError(line: line, column: offset - lineStart + 1, reason: reason)
  }
}

/// 10^0 … 10^22, every one exactly representable as a Double.
private let powersOfTen: [Double] = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]
