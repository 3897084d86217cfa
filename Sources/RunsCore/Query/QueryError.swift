/// Why a query cannot be used: where (the column of the bad token), what was expected, and
/// for an unknown name the closest known ones.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Where the bad token starts, in characters from 0 (the end of the text when it is missing).
  public var position: Int
  /// What is wrong, e.g. `expected a value after '>'`.
  public var message: String
  /// Known names (or words) close to an unknown one, closest first.
  public var suggestions: [String]

  /// Creates an error.
  public init(position: Int, message: String, suggestions: [String] = []) {
    self.position = position
    self.message = message
    self.suggestions = suggestions
  }

  /// `column N: message; did you mean a, b?` (columns count from 1).
  public var description: String {
    "column \(position + 1): \(message)" + suggestionText
  }

  /// `; did you mean a or b?`, or nothing without suggestions.
  public var suggestionText: String {
    guard !suggestions.isEmpty else { return "" }
    let names = suggestions.map(QueryError.quotedName)
    if names.count == 1 { return "; did you mean \(names[0])?" }
    return
      "; did you mean \(names.dropLast().joined(separator: ", ")) or \(names[names.count - 1])?"
  }

  /// The query on one line and a `^` under the bad token, to print under each other.
  public func caretLines(_ text: String) -> [String] {
    let before = TextSanitizer.clean(String(text.prefix(position)))
    return [
      TextSanitizer.clean(text), String(repeating: " ", count: DisplayWidth.of(before)) + "^",
    ]
  }

  /// A name as a suggestion shows it: in backticks when it needs them in a query.
  static func quotedName(_ name: String) -> String {
    QueryLexer.isBareName(name) ? name : "`" + name.replacingOccurrences(of: "`", with: "\\`") + "`"
  }
}
