/// A query as written, before its names are looked up: what `QuerySyntax.parse` returns.
public indirect enum QueryExpression: Sendable, Hashable {
  /// Both hold.
  case and(QueryExpression, QueryExpression)
  /// Either holds.
  case or(QueryExpression, QueryExpression)
  /// Does not hold (a comparison with a missing value is false, so `not` of it is true).
  case not(QueryExpression)
  /// The run has a value for the name (`has(NAME)` or a bare name).
  case has(QueryName)
  /// `NAME op VALUE`; `at` is where the operator was written.
  case compare(QueryName, QueryOperator, QueryValue, at: Int)
  /// `NAME in (…)`, or `NAME not in (…)` when `negated`.
  case within(QueryName, [QueryValue], negated: Bool)
}

/// Which kind of value a name is said to be, by a prefix (`metric:`, `params.`, …).
public enum QueryNameKind: String, Sendable, Hashable, CaseIterable {
  case metric, parameter, attribute
}

/// A name in a query, with where it was written.
public struct QueryName: Sendable, Hashable {
  /// The name without its prefix or backticks.
  public var text: String
  /// The kind a prefix says; `nil` for a bare name (a metric, else a parameter, else an
  /// attribute).
  public var kind: QueryNameKind?
  /// Where the name starts in the query, in characters from 0.
  public var position: Int

  /// Creates a name.
  public init(_ text: String, kind: QueryNameKind? = nil, position: Int = 0) {
    self.text = text
    self.kind = kind
    self.position = position
  }
}

/// A comparison operator.
public enum QueryOperator: String, Sendable, Hashable, CaseIterable {
  case equal = "="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case contains = "~"
  case notContains = "!~"

  /// Whether the operator orders values (`<`, `<=`, `>`, `>=`).
  public var isOrdering: Bool {
    switch self {
    case .less, .lessOrEqual, .greater, .greaterOrEqual: true
    default: false
    }
  }

  /// Whether `lhs op rhs` holds for two comparable values.
  @inline(__always)
  func holds<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool {
    switch self {
    case .equal, .contains: lhs == rhs
    case .notEqual, .notContains: lhs != rhs
    case .less: lhs < rhs
    case .lessOrEqual: lhs <= rhs
    case .greater: lhs > rhs
    case .greaterOrEqual: lhs >= rhs
    }
  }
}

/// A value in a query: its text (quotes removed) and where it was written. What it means —
/// a number, a percentage, a duration, a date or text — depends on the name it is compared
/// with (see `QueryValueText`).
public struct QueryValue: Sendable, Hashable {
  /// The text, without quotes.
  public var text: String
  /// Whether it was quoted.
  public var quoted: Bool
  /// Where it starts in the query, in characters from 0.
  public var position: Int

  /// Creates a value.
  public init(_ text: String, quoted: Bool = false, position: Int = 0) {
    self.text = text
    self.quoted = quoted
    self.position = position
  }
}
