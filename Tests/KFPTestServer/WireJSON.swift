/// Writing JSON text by hand (the fixtures must be exact wire text, not an encoder's choice).
public enum WireJSON {
  /// `text` as a JSON string literal, quotes included.
  public static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// An object from members whose values are already JSON text; `nil` values are left out
  /// (as the KFP server omits zero values).
  public static func object(_ members: [(String, String?)]) -> String {
    "{"
      + members.compactMap { key, value in value.map { quote(key) + ":" + $0 } }
      .joined(separator: ",") + "}"
  }

  /// An array of JSON texts.
  public static func array(_ elements: [String]) -> String {
    "[" + elements.joined(separator: ",") + "]"
  }
}
