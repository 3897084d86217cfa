/// RFC 4180 quoting: a field holding a comma, a double quote or a line break is wrapped in double
/// quotes with its double quotes doubled. Lines end with `\n`.
public enum CSVText {
  /// One field, quoted when it must be.
  public static func field(_ text: String) -> String {
    // Bytes, not characters: all four are ASCII, and this runs for every cell of a large list.
    let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    guard needsQuotes else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One record: the fields quoted as needed, joined by commas, ending with a newline.
  public static func line(_ fields: [String]) -> String {
    var line = ""
    append(fields, to: &line)
    return line
  }

  /// Appends one record to `output`, without building it separately.
  public static func append(_ fields: [String], to output: inout String) {
    for (index, text) in fields.enumerated() {
      if index > 0 { output += "," }
      output += field(text)
    }
    output += "\n"
  }
}
