/// Writes a `JSONValue` as JSON text, indented by two spaces like `jq`.
///
/// Strings keep their exact content, but every control character (C0, DEL, C1), line/paragraph
/// separator and bidirectional control is written as a `\u` escape, so printing the output on a
/// terminal is safe. Numbers are the shortest round-trip decimal; non-finite numbers become `null`.
public enum JSONWriter {
  /// The document, ending with a newline.
  public static func text(_ value: JSONValue) -> String {
    var output = ""
    write(value, indent: 0, into: &output)
    output += "\n"
    return output
  }

  /// The value on one line without spaces, as JavaScript's `JSON.stringify` writes it (numbers
  /// in JavaScript's text, non-finite ones `null`), escaped like `quoted`.
  public static func compact(_ value: JSONValue) -> String {
    var output = ""
    writeCompact(value, into: &output)
    return output
  }

  private static func writeCompact(_ value: JSONValue, into output: inout String) {
    switch value {
    case .null: output += "null"
    case .bool(let flag): output += flag ? "true" : "false"
    case .number(let number): output += number.isFinite ? JavaScriptNumber.string(number) : "null"
    case .string(let text): output += quoted(text)
    case .array(let elements):
      output += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { output += "," }
        writeCompact(element, into: &output)
      }
      output += "]"
    case .object(let object):
      output += "{"
      for (index, member) in object.members.enumerated() {
        if index > 0 { output += "," }
        output += quoted(member.key) + ":"
        writeCompact(member.value, into: &output)
      }
      output += "}"
    }
  }

  /// A JSON string literal for `text`, quotes included.
  public static func quoted(_ text: String) -> String {
    // Most text (ids, names, metric names) needs no escape: copy it whole.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
      return "\"" + text + "\""
    }
    return JSONText.quoted(text)
  }

  private static func write(_ value: JSONValue, indent: Int, into output: inout String) {
    switch value {
    case .null: output += "null"
    case .bool(let flag): output += flag ? "true" : "false"
    case .number(let number): output += number.isFinite ? MachineNumber.text(number) : "null"
    case .string(let text): output += quoted(text)
    case .array(let elements):
      guard !elements.isEmpty else {
        output += "[]"
        return
      }
      output += "[\n"
      for (index, element) in elements.enumerated() {
        output += spaces(indent + 2)
        write(element, indent: indent + 2, into: &output)
        output += index == elements.count - 1 ? "\n" : ",\n"
      }
      output += spaces(indent) + "]"
    case .object(let object):
      guard !object.members.isEmpty else {
        output += "{}"
        return
      }
      output += "{\n"
      for (index, member) in object.members.enumerated() {
        output += spaces(indent + 2) + quoted(member.key) + ": "
        write(member.value, indent: indent + 2, into: &output)
        output += index == object.members.count - 1 ? "\n" : ",\n"
      }
      output += spaces(indent) + "}"
    }
  }

  private static let indents = (0..<32).map { String(repeating: " ", count: $0) }

  private static func spaces(_ count: Int) -> String {
    count < indents.count ? indents[count] : String(repeating: " ", count: count)
  }
}
