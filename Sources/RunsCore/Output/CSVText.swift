/// RFC 4180 quoting: a field holding a comma, a double quote or a line break is wrapped in double
/// quotes with its double quotes doubled. Lines end with `\n`.
public enum CSVText {
  /// One field, quoted when it must be.
  public static func field(_ text: String) -> String {
    let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
    guard needsQuotes else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One record: the fields quoted as needed, joined by commas, ending with a newline.
  public static func line(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\n"
  }
}
