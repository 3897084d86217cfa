import Foundation

/// A query ready to evaluate: its names looked up and its values read as what the names hold.
public struct Query: Sendable, Hashable {
  /// The text as written.
  public let text: String
  /// The tree to evaluate.
  let root: QueryNode

  /// Reads `text` and looks up its names in `names`; values that are dates or times are local
  /// time in `timeZone`. `nil` when `text` is blank (no query).
  public static func compile(
    _ text: String, names: QueryNames, timeZone: TimeZone = .current
  ) throws(QueryError) -> Query? {
    guard let expression = try QuerySyntax.parse(text) else { return nil }
    let resolver = QueryResolver(names: names, timeZone: timeZone)
    return Query(text: text, root: try resolver.node(expression))
  }

  /// The columns the query reads.
  public var fields: Set<QueryField> {
    var fields = Set<QueryField>()
    root.collectFields(into: &fields)
    return fields
  }
}

/// A column a query reads.
public enum QueryField: Sendable, Hashable {
  case metric(String)
  case parameter(String)
  case attribute(QueryAttribute)
}

/// A query's tree with names and values resolved.
indirect enum QueryNode: Sendable, Hashable {
  case and(QueryNode, QueryNode)
  case or(QueryNode, QueryNode)
  case not(QueryNode)
  case test(QueryField, QueryTest)

  func collectFields(into fields: inout Set<QueryField>) {
    switch self {
    case .and(let a, let b), .or(let a, let b):
      a.collectFields(into: &fields)
      b.collectFields(into: &fields)
    case .not(let a): a.collectFields(into: &fields)
    case .test(let field, _): fields.insert(field)
    }
  }
}

/// A value compared with text: its bytes in filter form (case and diacritics folded), and
/// the number it reads as, if any (a parameter compares as a number when both sides do).
struct QueryOperand: Sendable, Hashable {
  var text: String
  var folded: [UInt8]
  var number: Double?

  init(_ text: String, number: Double? = nil) {
    self.text = text
    folded = FilterText.bytes(text)
    self.number = number
  }
}

/// One test of one column. Every test but `has` is false for a run without a value.
enum QueryTest: Sendable, Hashable {
  /// The run has a value.
  case has
  /// A number compared with a number (metrics, durations).
  case number(QueryOperator, Double)
  /// A number equal to one of these (or to none when `negated`).
  case numbers([Double], negated: Bool)
  /// A time compared with a span of time `[start, end)`: `=` within it, `<` before it,
  /// `>` after it.
  case time(QueryOperator, start: Double, end: Double)
  /// Text compared with text in filter form; `~` contains.
  case text(QueryOperator, QueryOperand)
  /// Text equal to one of these (or to none when `negated`).
  case texts([QueryOperand], negated: Bool)
  /// A status among these (or, `negated`, a status not among them).
  case statuses(Set<RunStatus>, negated: Bool)
}

/// Looks up the names of an expression and reads its values.
private struct QueryResolver {
  let names: QueryNames
  let timeZone: TimeZone

  func node(_ expression: QueryExpression) throws(QueryError) -> QueryNode {
    switch expression {
    case .and(let a, let b): return .and(try node(a), try node(b))
    case .or(let a, let b): return .or(try node(a), try node(b))
    case .not(let a): return .not(try node(a))
    case .has(let name): return .test(try field(name), .has)
    case .compare(let name, let op, let value, let at):
      let field = try field(name)
      return .test(field, try test(field, name, op, value, at: at))
    case .within(let name, let values, let negated):
      let field = try field(name)
      return .test(field, try list(field, name, values, negated: negated))
    }
  }

  /// The column `name` stands for: a bare name is a metric, else a parameter, else an
  /// attribute.
  func field(_ name: QueryName) throws(QueryError) -> QueryField {
    let text = name.text
    switch name.kind {
    case nil:
      if names.metrics.contains(text) { return .metric(text) }
      if names.parameters.contains(text) { return .parameter(text) }
      if let attribute = QueryAttribute(named: text) { return .attribute(attribute) }
      let known = names.all
      throw QueryError(
        position: name.position,
        message: "no metric, parameter or attribute is named '\(TextSanitizer.clean(text))'",
        suggestions: NameSuggestions.closest(to: text, among: known))
    case .metric:
      if names.metrics.contains(text) { return .metric(text) }
      throw unknown(name, kind: "metric", among: names.metrics)
    case .parameter:
      if names.parameters.contains(text) { return .parameter(text) }
      throw unknown(name, kind: "parameter", among: names.parameters)
    case .attribute:
      if let attribute = QueryAttribute(named: text) { return .attribute(attribute) }
      throw QueryError(
        position: name.position,
        message: "no attribute is named '\(TextSanitizer.clean(text))'; attributes: "
          + QueryAttribute.allCases.map(\.rawValue).joined(separator: ", "),
        suggestions: NameSuggestions.closest(
          to: text, among: QueryAttribute.allCases.map(\.rawValue)))
    }
  }

  private func unknown(_ name: QueryName, kind: String, among known: Set<String>) -> QueryError {
    QueryError(
      position: name.position,
      message: "no run has a \(kind) named '\(TextSanitizer.clean(name.text))'",
      suggestions: NameSuggestions.closest(to: name.text, among: known))
  }

  /// What a column holds, for messages.
  private func holds(_ field: QueryField, _ name: QueryName) -> String {
    let shown = TextSanitizer.clean(name.text)
    switch field {
    case .metric: return "metric '\(shown)' holds numbers"
    case .parameter: return "parameter '\(shown)'"
    case .attribute(let attribute):
      switch attribute {
      case .duration: return "duration holds times such as 45s or 1h30m"
      case .created, .finished: return "\(attribute.rawValue) holds dates and times"
      case .status:
        return "status holds " + RunStatus.allCases.map(\.rawValue).joined(separator: ", ")
      default: return "\(attribute.rawValue) holds text"
      }
    }
  }

  func test(
    _ field: QueryField, _ name: QueryName, _ op: QueryOperator, _ value: QueryValue, at: Int
  ) throws(QueryError) -> QueryTest {
    let textOperator = op == .contains || op == .notContains
    switch field {
    case .metric, .attribute(.duration), .attribute(.created), .attribute(.finished):
      if textOperator {
        throw QueryError(
          position: at, message: "'\(op.rawValue)' compares text; \(holds(field, name))")
      }
    case .attribute(.status):
      if op.isOrdering {
        throw QueryError(
          position: at,
          message: "status compares with =, !=, in, ~ and !~; '\(op.rawValue)' orders values")
      }
    default: break
    }
    switch field {
    case .metric:
      return .number(op, try number(value, field, name, op: op))
    case .attribute(.duration):
      return .number(op, try seconds(value, field, name, op: op))
    case .attribute(.created), .attribute(.finished):
      let span = try time(value, field, name, op: op)
      return .time(op, start: span.start, end: span.end)
    case .attribute(.status):
      if textOperator {
        let needle = FilterText.bytes(value.text)
        let matching = RunStatus.allCases.filter {
          FilterText.contains(FilterText.bytes($0.rawValue), needle)
        }
        return .statuses(Set(matching), negated: op == .notContains)
      }
      return .statuses([try status(value)], negated: op == .notEqual)
    case .parameter:
      return .text(op, QueryOperand(value.text, number: QueryValueText.number(value.text)))
    case .attribute:
      return .text(op, QueryOperand(value.text))
    }
  }

  func list(_ field: QueryField, _ name: QueryName, _ values: [QueryValue], negated: Bool)
    throws(QueryError) -> QueryTest
  {
    switch field {
    case .metric:
      var numbers: [Double] = []
      for value in values { numbers.append(try number(value, field, name, op: nil)) }
      return .numbers(numbers, negated: negated)
    case .attribute(.duration):
      var numbers: [Double] = []
      for value in values { numbers.append(try seconds(value, field, name, op: nil)) }
      return .numbers(numbers, negated: negated)
    case .attribute(.created), .attribute(.finished):
      throw QueryError(
        position: name.position,
        message: "\(name.text) compares with =, !=, <, <=, >, >=; 'in' is for numbers and text")
    case .attribute(.status):
      var statuses = Set<RunStatus>()
      for value in values { statuses.insert(try status(value)) }
      return .statuses(statuses, negated: negated)
    case .parameter:
      return .texts(
        values.map { QueryOperand($0.text, number: QueryValueText.number($0.text)) },
        negated: negated)
    case .attribute:
      return .texts(values.map { QueryOperand($0.text) }, negated: negated)
    }
  }

  private func after(_ op: QueryOperator?) -> String {
    op.map { " after '\($0.rawValue)'" } ?? ""
  }

  private func number(
    _ value: QueryValue, _ field: QueryField, _ name: QueryName, op: QueryOperator?
  )
    throws(QueryError) -> Double
  {
    if let number = QueryValueText.number(value.text) ?? QueryValueText.seconds(value.text) {
      return number
    }
    throw QueryError(
      position: value.position,
      message: "expected a number such as 0.9 or 90%\(after(op)) (\(holds(field, name))), found "
        + "'\(TextSanitizer.clean(value.text))'")
  }

  private func seconds(
    _ value: QueryValue, _ field: QueryField, _ name: QueryName, op: QueryOperator?
  ) throws(QueryError) -> Double {
    if let seconds = QueryValueText.seconds(value.text) { return seconds }
    throw QueryError(
      position: value.position,
      message: "expected a duration such as 45s or 1h30m\(after(op)), found "
        + "'\(TextSanitizer.clean(value.text))'")
  }

  private func time(_ value: QueryValue, _ field: QueryField, _ name: QueryName, op: QueryOperator?)
    throws(QueryError) -> (start: Double, end: Double)
  {
    if let span = QueryValueText.time(value.text, timeZone: timeZone) { return span }
    throw QueryError(
      position: value.position,
      message: "expected a date such as 2026-01-05 or 2026-01-05T10:00\(after(op)), found "
        + "'\(TextSanitizer.clean(value.text))'")
  }

  private func status(_ value: QueryValue) throws(QueryError) -> RunStatus {
    if let status = RunStatus.allCases.first(where: {
      $0.rawValue.lowercased() == value.text.lowercased()
    }) {
      return status
    }
    let words = RunStatus.allCases.map(\.rawValue)
    throw QueryError(
      position: value.position,
      message: "no status is called '\(TextSanitizer.clean(value.text))'; statuses: "
        + words.joined(separator: ", "),
      suggestions: NameSuggestions.closest(to: value.text, among: words, limit: 2))
  }
}
