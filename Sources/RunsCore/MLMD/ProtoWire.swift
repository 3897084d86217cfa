/// Why protobuf bytes could not be read: one sentence, no bytes echoed.
public struct ProtoError: Error, Sendable, Hashable {
  /// What is wrong, e.g. `a length runs past the end of the message`.
  public var reason: String

  /// Creates an error.
  public init(_ reason: String) {
    self.reason = reason
  }
}

/// How a protobuf field's value is encoded on the wire.
public enum ProtoWireType: UInt8, Sendable {
  case varint = 0
  case fixed64 = 1
  case lengthDelimited = 2
  case startGroup = 3
  case endGroup = 4
  case fixed32 = 5
}

/// Reads protobuf wire format from a byte buffer, never past its end.
///
/// Hand-written rather than generated: ML Metadata needs a dozen fields of seven messages, and
/// a generator would add a dependency whose plugin takes minutes to build. Unknown fields are
/// skipped by their wire type, groups included (to a fixed depth).
public struct ProtoReader: Sendable {
  private let bytes: [UInt8]
  private var index: Int
  private let end: Int

  /// The most nested groups skipped inside one another; deeper is malformed.
  static let maxGroupDepth = 64

  /// A reader over all of `bytes`.
  public init(_ bytes: [UInt8]) {
    self.init(bytes, from: 0, to: bytes.count)
  }

  private init(_ bytes: [UInt8], from start: Int, to end: Int) {
    self.bytes = bytes
    self.index = start
    self.end = end
  }

  /// Whether every byte was read.
  public var isAtEnd: Bool { index >= end }

  /// The next field's number and wire type; `nil` at the end of the message.
  public mutating func nextField() throws(ProtoError) -> (number: Int, wireType: ProtoWireType)? {
    guard !isAtEnd else { return nil }
    let key = try readVarint()
    guard let wireType = ProtoWireType(rawValue: UInt8(key & 7)) else {
      throw ProtoError("unknown wire type \(key & 7)")
    }
    let number = key >> 3
    guard number >= 1, number <= 0x1FFF_FFFF else {
      throw ProtoError("field number \(number) is out of range")
    }
    return (Int(number), wireType)
  }

  /// A varint (at most 10 bytes).
  public mutating func readVarint() throws(ProtoError) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard index < end else { throw ProtoError("a varint runs past the end of the message") }
      let byte = bytes[index]
      index += 1
      if shift == 63 && byte > 1 { throw ProtoError("a varint is longer than 64 bits") }
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
  }

  /// A varint as a signed 64-bit integer (two's complement, as `int64` is encoded).
  public mutating func readInt64() throws(ProtoError) -> Int64 {
    Int64(bitPattern: try readVarint())
  }

  /// A little-endian 8-byte value (`double`, `fixed64`).
  public mutating func readFixed64() throws(ProtoError) -> UInt64 {
    guard end - index >= 8 else { throw ProtoError("a fixed64 runs past the end of the message") }
    var value: UInt64 = 0
    for offset in 0..<8 { value |= UInt64(bytes[index + offset]) << (8 * UInt64(offset)) }
    index += 8
    return value
  }

  /// A `double`.
  public mutating func readDouble() throws(ProtoError) -> Double {
    Double(bitPattern: try readFixed64())
  }

  /// A length-delimited field's bytes.
  public mutating func readBytes() throws(ProtoError) -> ArraySlice<UInt8> {
    let range = try lengthDelimitedRange()
    return bytes[range]
  }

  /// A `string` (invalid UTF-8 is replaced, not rejected: a name is still worth showing).
  public mutating func readString() throws(ProtoError) -> String {
    String(decoding: try readBytes(), as: UTF8.self)
  }

  /// A reader over an embedded message.
  public mutating func readMessage() throws(ProtoError) -> ProtoReader {
    let range = try lengthDelimitedRange()
    return ProtoReader(bytes, from: range.lowerBound, to: range.upperBound)
  }

  /// Packed or unpacked repeated `int64`: appends this field's values to `values`.
  public mutating func readInt64s(
    _ wireType: ProtoWireType, into values: inout [Int64]
  ) throws(ProtoError) {
    if wireType == .lengthDelimited {
      var packed = try readMessage()
      while !packed.isAtEnd { values.append(try packed.readInt64()) }
    } else {
      values.append(try readInt64())
    }
  }

  /// Skips a field's value of `wireType`.
  public mutating func skip(_ wireType: ProtoWireType) throws(ProtoError) {
    try skip(wireType, depth: 0)
  }

  private mutating func skip(_ wireType: ProtoWireType, depth: Int) throws(ProtoError) {
    switch wireType {
    case .varint: _ = try readVarint()
    case .fixed64: try advance(8, "a fixed64")
    case .fixed32: try advance(4, "a fixed32")
    case .lengthDelimited: _ = try lengthDelimitedRange()
    case .startGroup:
      guard depth < Self.maxGroupDepth else { throw ProtoError("groups are nested too deeply") }
      while true {
        guard let field = try nextField() else { throw ProtoError("a group is not closed") }
        if field.wireType == .endGroup { return }
        try skip(field.wireType, depth: depth + 1)
      }
    case .endGroup: throw ProtoError("a group ends that was not started")
    }
  }

  private mutating func advance(_ count: Int, _ what: String) throws(ProtoError) {
    guard end - index >= count else { throw ProtoError("\(what) runs past the end of the message") }
    index += count
  }

  private mutating func lengthDelimitedRange() throws(ProtoError) -> Range<Int> {
    let length = try readVarint()
    guard length <= UInt64(end - index) else {
      throw ProtoError("a length of \(length) bytes runs past the end of the message")
    }
    let start = index
    index += Int(length)
    return start..<index
  }
}

/// Writes protobuf wire format (only what requests need: varints, strings, messages).
public struct ProtoWriter: Sendable {
  /// The bytes written so far.
  public private(set) var bytes: [UInt8] = []

  /// An empty message.
  public init() {}

  /// A varint field (`int32`, `int64`, enums); zero is written too when asked.
  public mutating func varint(_ field: Int, _ value: UInt64) {
    key(field, .varint)
    appendVarint(value)
  }

  /// An `int64` field.
  public mutating func int64(_ field: Int, _ value: Int64) {
    varint(field, UInt64(bitPattern: value))
  }

  /// A `double` field.
  public mutating func double(_ field: Int, _ value: Double) {
    key(field, .fixed64)
    let bits = value.bitPattern
    for offset in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(offset)))) }
  }

  /// A `string` field.
  public mutating func string(_ field: Int, _ value: String) {
    lengthDelimited(field, Array(value.utf8))
  }

  /// An embedded message field.
  public mutating func message(_ field: Int, _ message: ProtoWriter) {
    lengthDelimited(field, message.bytes)
  }

  /// A repeated `int64` field, unpacked as proto2 writes it (every parser reads both forms).
  public mutating func int64s(_ field: Int, _ values: [Int64]) {
    for value in values { int64(field, value) }
  }

  /// A length-delimited field of raw bytes.
  public mutating func lengthDelimited(_ field: Int, _ value: [UInt8]) {
    key(field, .lengthDelimited)
    appendVarint(UInt64(value.count))
    bytes.append(contentsOf: value)
  }

  private mutating func key(_ field: Int, _ wireType: ProtoWireType) {
    appendVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
  }

  private mutating func appendVarint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(rest & 0x7F) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }
}
