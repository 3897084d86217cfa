/// One token of a query, with where it starts and ends (in characters from 0).
struct QueryToken: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    /// A run of characters that are not blanks, quotes or punctuation: a name, a keyword
    /// or an unquoted value.
    case word(String)
    /// `'…'` or `"…"`, without the quotes.
    case quoted(String)
    /// `` `…` ``, without the backticks: a name.
    case backticked(String)
    case open, close, comma
    case comparison(QueryOperator)
    case end
  }

  var kind: Kind
  var position: Int
  var end: Int

  /// The word in lower case when the token is one of `and`, `or`, `not`, `in`.
  var keyword: String? {
    guard case .word(let word) = kind else { return nil }
    let lowered = word.lowercased()
    return QueryLexer.keywords.contains(lowered) ? lowered : nil
  }

  /// How an error message names the token.
  var described: String {
    switch kind {
    case .word(let word): "'\(word)'"
    case .quoted(let text): "the text \"\(text)\""
    case .backticked(let name): "`\(name)`"
    case .open: "'('"
    case .close: "')'"
    case .comma: "','"
    case .comparison(let op): "'\(op.rawValue)'"
    case .end: "the end of the query"
    }
  }
}

/// Splits a query into tokens.
enum QueryLexer {
  static let keywords: Set<String> = ["and", "or", "not", "in"]

  /// Characters that end a word.
  private static let punctuation: Set<Character> = [
    "(", ")", ",", "=", "!", "<", ">", "~", "'", "\"", "`",
  ]

  /// The tokens of `text`, the last one `.end`.
  static func tokens(_ text: String) throws(QueryError) -> [QueryToken] {
    let characters = Array(text)
    var tokens: [QueryToken] = []
    var index = 0
    func add(_ kind: QueryToken.Kind, from start: Int) {
      tokens.append(QueryToken(kind: kind, position: start, end: index))
    }
    while index < characters.count {
      let start = index
      let character = characters[index]
      if character.isWhitespace {
        index += 1
        continue
      }
      switch character {
      case "(":
        index += 1
        add(.open, from: start)
      case ")":
        index += 1
        add(.close, from: start)
      case ",":
        index += 1
        add(.comma, from: start)
      case "=":
        index += 1
        // `==` reads as `=` (people type it from programming languages).
        if index < characters.count && characters[index] == "=" { index += 1 }
        add(.comparison(.equal), from: start)
      case "!":
        index += 1
        guard index < characters.count, characters[index] == "=" || characters[index] == "~" else {
          throw QueryError(position: start, message: "expected '!=' or '!~'; for 'not' write not")
        }
        index += 1
        add(.comparison(characters[index - 1] == "=" ? .notEqual : .notContains), from: start)
      case "<", ">":
        index += 1
        let orEqual = index < characters.count && characters[index] == "="
        if orEqual { index += 1 }
        let op: QueryOperator =
          character == "<"
          ? (orEqual ? .lessOrEqual : .less) : (orEqual ? .greaterOrEqual : .greater)
        add(.comparison(op), from: start)
      case "~":
        index += 1
        add(.comparison(.contains), from: start)
      case "'", "\"", "`":
        let text = try quoted(characters, from: &index)
        add(character == "`" ? .backticked(text) : .quoted(text), from: start)
      default:
        while index < characters.count && !characters[index].isWhitespace
          && !punctuation.contains(characters[index])
        {
          index += 1
        }
        add(.word(String(characters[start..<index])), from: start)
      }
    }
    tokens.append(QueryToken(kind: .end, position: characters.count, end: characters.count))
    return tokens
  }

  /// Reads a quoted text starting at its opening quote; a backslash makes the next character
  /// literal (`\'`, `\\`).
  private static func quoted(_ characters: [Character], from index: inout Int) throws(QueryError)
    -> String
  {
    let start = index
    let quote = characters[index]
    index += 1
    var text = ""
    while index < characters.count {
      let character = characters[index]
      index += 1
      if character == quote { return text }
      if character == "\\" && index < characters.count {
        text.append(characters[index])
        index += 1
      } else {
        text.append(character)
      }
    }
    let what = quote == "`" ? "name" : "text"
    throw QueryError(
      position: start, message: "this \(what) has no closing \(quote); expected \(quote) to end it")
  }

  /// Whether `name` can be written without backticks: letters, digits, `-`, `_`, `.`, not a
  /// keyword.
  static func isBareName(_ name: String) -> Bool {
    !name.isEmpty && !keywords.contains(name.lowercased())
      && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
  }
}
