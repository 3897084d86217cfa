/// Decodes `ml_metadata.Value` and the `google.protobuf.Struct` it may hold.
extension MLMD {
  /// How deep a struct value may nest before it is cut (a hostile server could nest forever).
  static let maxStructDepth = 64

  /// Reads one `custom_properties` map entry (key 1, value 2).
  static func readProperty(_ reader: inout ProtoReader) throws(ProtoError) -> Property {
    var entry = try reader.readMessage()
    var name = ""
    var value = Value.structure(.null)
    while let field = try entry.nextField() {
      switch (field.number, field.wireType) {
      case (1, .lengthDelimited): name = try entry.readString()
      case (2, .lengthDelimited):
        var message = try entry.readMessage()
        value = try readValue(&message)
      default: try entry.skip(field.wireType)
      }
    }
    return Property(name: name, value: value)
  }

  /// Reads an `ml_metadata.Value`: int and double are numbers, bool a bool, string a string,
  /// struct its JSON, a proto value its type URL; an empty value is null.
  static func readValue(_ reader: inout ProtoReader) throws(ProtoError) -> Value {
    var value = Value.structure(.null)
    while let field = try reader.nextField() {
      switch (field.number, field.wireType) {
      case (1, .varint): value = .number(Double(try reader.readInt64()))
      case (2, .fixed64): value = .number(try reader.readDouble())
      case (3, .lengthDelimited): value = .string(try reader.readString())
      case (4, .lengthDelimited):
        var message = try reader.readMessage()
        value = .structure(try readStruct(&message, depth: 0))
      case (5, .lengthDelimited):
        var message = try reader.readMessage()
        var typeURL = ""
        while let part = try message.nextField() {
          if part.number == 1, part.wireType == .lengthDelimited {
            typeURL = try message.readString()
          } else {
            try message.skip(part.wireType)
          }
        }
        value = .structure(.members([("@type", .string(typeURL))]))
      case (6, .varint): value = .bool(try reader.readVarint() != 0)
      default: try reader.skip(field.wireType)
      }
    }
    return value
  }

  /// `google.protobuf.Struct`: map entries (key 1, value 2) in field 1.
  private static func readStruct(_ reader: inout ProtoReader, depth: Int) throws(ProtoError)
    -> JSONValue
  {
    guard depth < maxStructDepth else { throw ProtoError("a struct value is nested too deeply") }
    var members: [(String, JSONValue)] = []
    while let field = try reader.nextField() {
      guard field.number == 1, field.wireType == .lengthDelimited else {
        try reader.skip(field.wireType)
        continue
      }
      var entry = try reader.readMessage()
      var key = ""
      var value = JSONValue.null
      while let part = try entry.nextField() {
        switch (part.number, part.wireType) {
        case (1, .lengthDelimited): key = try entry.readString()
        case (2, .lengthDelimited):
          var message = try entry.readMessage()
          value = try readStructValue(&message, depth: depth + 1)
        default: try entry.skip(part.wireType)
        }
      }
      members.append((key, value))
    }
    return .members(members)
  }

  /// `google.protobuf.Value`: null 1, number 2, string 3, bool 4, struct 5, list 6.
  private static func readStructValue(_ reader: inout ProtoReader, depth: Int) throws(ProtoError)
    -> JSONValue
  {
    guard depth < maxStructDepth else { throw ProtoError("a struct value is nested too deeply") }
    var value = JSONValue.null
    while let field = try reader.nextField() {
      switch (field.number, field.wireType) {
      case (1, .varint):
        _ = try reader.readVarint()
        value = .null
      case (2, .fixed64): value = .number(try reader.readDouble())
      case (3, .lengthDelimited): value = .string(try reader.readString())
      case (4, .varint): value = .bool(try reader.readVarint() != 0)
      case (5, .lengthDelimited):
        var message = try reader.readMessage()
        value = try readStruct(&message, depth: depth + 1)
      case (6, .lengthDelimited):
        var list = try reader.readMessage()
        var elements: [JSONValue] = []
        while let element = try list.nextField() {
          guard element.number == 1, element.wireType == .lengthDelimited else {
            try list.skip(element.wireType)
            continue
          }
          var message = try list.readMessage()
          elements.append(try readStructValue(&message, depth: depth + 1))
        }
        value = .array(elements)
      default: try reader.skip(field.wireType)
      }
    }
    return value
  }
}
