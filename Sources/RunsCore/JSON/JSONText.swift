/// Writing values back as JSON text, for messages that quote what a file contained.
public enum JSONText {
  /// `text` as a JSON string literal (`"a\"b"`), safe to print: control characters (C0, DEL,
  /// C1), bidirectional-text controls, line/paragraph separators and the byte order mark are
  /// written as `\u001b`-style escapes, so nothing in the result can drive a terminal.
  ///
  /// When `text` has more than `limit` characters, the first `limit` are quoted and `…` follows
  /// the closing quote.
  public static func quoted(_ text: String, limit: Int = .max) -> String {
    var result = "\""
    var characters = 0
    for scalar in text.unicodeScalars {
      if characters >= limit {
        return result + "\"…"
      }
      characters += 1
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{8}": result += "\\b"
      case "\u{C}": result += "\\f"
      default:
        if needsEscape(scalar) {
          result += unicodeEscape(scalar.value)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// Whether a scalar must not appear raw in a message.
  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true  // C0, DEL, C1 (0x9B is a one-byte CSI)
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidi controls
    case 0x2028, 0x2029, 0xFEFF: true  // line/paragraph separators, byte order mark
    default: false
    }
  }

  /// `\uXXXX` (lowercase hex, as JSON writers do).
  static func unicodeEscape(_ value: UInt32) -> String {
    let hex = String(value, radix: 16)
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
