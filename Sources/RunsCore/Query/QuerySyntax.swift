/// Reads the text of a query into a `QueryExpression`: `or` binds loosest, then `and`, then
/// `not`; parentheses group. A hand-written recursive descent, one function per level.
public enum QuerySyntax {
  /// The expression `text` holds, `nil` when it is blank (no query).
  public static func parse(_ text: String) throws(QueryError) -> QueryExpression? {
    var parser = QueryParser(tokens: try QueryLexer.tokens(text))
    if parser.peek.kind == .end { return nil }
    let expression = try parser.parseOr()
    try parser.expectEnd()
    return expression
  }

  /// Whether `name` can be written without backticks: letters, digits, `-`, `_`, `.`, and
  /// not a keyword.
  public static func isBareName(_ name: String) -> Bool {
    QueryLexer.isBareName(name)
  }

  /// The name prefixes, lower case, and the kind each says (ours, then MLflow's).
  public static let prefixes: [(prefix: String, kind: QueryNameKind)] = [
    ("metric:", .metric), ("param:", .parameter), ("attr:", .attribute),
    ("metrics.", .metric), ("params.", .parameter), ("attributes.", .attribute),
  ]
}

private struct QueryParser {
  let tokens: [QueryToken]
  var index = 0
  /// The index of the token last read as a value.
  var lastValue = -1

  init(tokens: [QueryToken]) {
    self.tokens = tokens
  }

  var peek: QueryToken { tokens[index] }

  /// The token before the current one, for "after 'x'" in messages.
  var previous: QueryToken? { index > 0 ? tokens[index - 1] : nil }

  mutating func advance() -> QueryToken {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  mutating func parseOr() throws(QueryError) -> QueryExpression {
    var expression = try parseAnd()
    while peek.keyword == "or" {
      _ = advance()
      expression = .or(expression, try parseAnd())
    }
    return expression
  }

  mutating func parseAnd() throws(QueryError) -> QueryExpression {
    var expression = try parseNot()
    while peek.keyword == "and" {
      _ = advance()
      expression = .and(expression, try parseNot())
    }
    return expression
  }

  mutating func parseNot() throws(QueryError) -> QueryExpression {
    if peek.keyword == "not" {
      _ = advance()
      return .not(try parseNot())
    }
    return try parsePrimary()
  }

  mutating func parsePrimary() throws(QueryError) -> QueryExpression {
    let token = peek
    if token.kind == .open {
      _ = advance()
      let inner = try parseOr()
      guard peek.kind == .close else {
        throw QueryError(
          position: peek.position,
          message: "expected ')' to close the '(' at column \(token.position + 1), found "
            + peek.described)
      }
      _ = advance()
      return inner
    }
    if case .word(let word) = token.kind, word.lowercased() == "has",
      tokens[index + 1].kind == .open
    {
      _ = advance()
      _ = advance()
      let name = try parseName()
      guard peek.kind == .close else {
        throw QueryError(
          position: peek.position,
          message: "expected ')' after the name in has(…), found "
            + peek.described)
      }
      _ = advance()
      return .has(name)
    }
    let name = try parseName()
    switch peek.kind {
    case .comparison(let op):
      let position = advance().position
      return .compare(name, op, try parseValue(), at: position)
    default:
      if peek.keyword == "in" {
        _ = advance()
        return .within(name, try parseList(), negated: false)
      }
      if peek.keyword == "not", tokens[index + 1].keyword == "in" {
        _ = advance()
        _ = advance()
        return .within(name, try parseList(), negated: true)
      }
      return .has(name)
    }
  }

  /// A name: a word, a backticked name, or a prefix (`metric:`, `params.`, …) followed by
  /// either or by a quoted name (as MLflow writes `metrics."f1 score"`).
  mutating func parseName() throws(QueryError) -> QueryName {
    let token = peek
    switch token.kind {
    case .backticked(let text):
      _ = advance()
      return QueryName(text, position: token.position)
    case .word(let word) where token.keyword == nil:
      _ = advance()
      let lowered = word.lowercased()
      for (prefix, kind) in QuerySyntax.prefixes where lowered.hasPrefix(prefix) {
        let rest = String(word.dropFirst(prefix.count))
        if !rest.isEmpty { return QueryName(rest, kind: kind, position: token.position) }
        // `metric:` right before a backticked name, or MLflow's `metrics."a b"`.
        if peek.position == token.end {
          switch peek.kind {
          case .backticked(let text), .quoted(let text):
            _ = advance()
            return QueryName(text, kind: kind, position: token.position)
          default: break
          }
        }
        throw QueryError(
          position: token.end, message: "expected a name after '\(word)'")
      }
      return QueryName(word, position: token.position)
    default:
      var message = "expected a name"
      if let previous { message += " after " + previous.described }
      if token.kind == .end {
        message += "; the query ends here"
      } else {
        message += ", found " + token.described
        if token.keyword != nil { message += " (a name spelled like a keyword goes in backticks)" }
      }
      throw QueryError(position: token.position, message: message)
    }
  }

  /// A value: a word or a quoted text.
  mutating func parseValue() throws(QueryError) -> QueryValue {
    let token = peek
    switch token.kind {
    case .word(let word) where token.keyword != "and" && token.keyword != "or":
      lastValue = index
      _ = advance()
      return QueryValue(word, position: token.position)
    case .quoted(let text):
      lastValue = index
      _ = advance()
      return QueryValue(text, quoted: true, position: token.position)
    default:
      var message = "expected a value"
      if let previous { message += " after " + previous.described }
      if token.kind == .end {
        message += "; the query ends here"
      } else {
        message += ", found " + token.described
      }
      if case .backticked = token.kind { message += " (backticks are for names; quote text)" }
      throw QueryError(position: token.position, message: message)
    }
  }

  /// `(value, value, …)`.
  mutating func parseList() throws(QueryError) -> [QueryValue] {
    guard peek.kind == .open else {
      throw QueryError(
        position: peek.position,
        message: "expected '(' and a list of values after 'in', found " + peek.described)
    }
    let open = advance()
    var values = [try parseValue()]
    while peek.kind == .comma {
      _ = advance()
      values.append(try parseValue())
    }
    guard peek.kind == .close else {
      throw QueryError(
        position: peek.position,
        message: "expected ',' or ')' to close the list at column \(open.position + 1), found "
          + peek.described)
    }
    _ = advance()
    return values
  }

  /// Everything was read.
  func expectEnd() throws(QueryError) {
    let token = peek
    guard token.kind != .end else { return }
    if token.kind == .close {
      throw QueryError(position: token.position, message: "this ')' has no matching '('")
    }
    var message = "expected 'and', 'or' or the end of the query, found " + token.described
    if case .word = token.kind, lastValue == index - 1 {
      message += " (text with spaces goes in quotes)"
    }
    throw QueryError(position: token.position, message: message)
  }
}
