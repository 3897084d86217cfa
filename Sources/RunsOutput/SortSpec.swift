import RunsCore

/// A `--sort COLUMN[:asc|desc]` argument: the column, and the direction when one was given.
///
/// COLUMN is `name`, `status`, `duration`, `experiment`, `pipeline`, `created` (any case), or a
/// metric name; `metric:NAME` names a metric that shares a column's name, `param:NAME` a
/// parameter.
public struct SortSpec: Sendable, Hashable {
  /// Why a `--sort` argument could not be read.
  public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The sentence shown to the user.
    public var description: String
  }

  /// The column sorted by.
  public var column: Column
  /// `true` ascending, `false` descending, `nil` for the column's best-first direction.
  public var ascending: Bool?

  /// Creates a sort spec.
  public init(column: Column, ascending: Bool? = nil) {
    self.column = column
    self.ascending = ascending
  }

  /// The column keywords, in the order help text lists them, and the columns they name.
  public static let keywords: [(word: String, column: Column)] = [
    ("name", .name), ("status", .status), ("duration", .duration), ("experiment", .experiment),
    ("pipeline", .pipeline), ("created", .created),
  ]

  /// Reads `COLUMN[:asc|desc]`.
  public static func parse(_ text: String) throws(ParseError) -> SortSpec {
    var body = Substring(text)
    var ascending: Bool?
    if let colon = text.lastIndex(of: ":") {
      switch text[text.index(after: colon)...].lowercased() {
      case "asc", "ascending":
        ascending = true
        body = text[..<colon]
      case "desc", "descending":
        ascending = false
        body = text[..<colon]
      default: break
      }
    }
    if body.lowercased().hasPrefix("metric:") {
      let name = String(body.dropFirst("metric:".count))
      guard !name.isEmpty else { throw ParseError(description: "--sort metric: needs a name") }
      return SortSpec(column: .metric(name), ascending: ascending)
    }
    if body.lowercased().hasPrefix("param:") {
      let name = String(body.dropFirst("param:".count))
      guard !name.isEmpty else { throw ParseError(description: "--sort param: needs a name") }
      return SortSpec(column: .parameter(name), ascending: ascending)
    }
    guard !body.isEmpty else {
      throw ParseError(description: "--sort needs a column: \(choicesText)")
    }
    if let keyword = keywords.first(where: { $0.word == body.lowercased() }) {
      return SortSpec(column: keyword.column, ascending: ascending)
    }
    return SortSpec(column: .metric(String(body)), ascending: ascending)
  }

  /// The sort to apply: the given direction, or best first for the column.
  public var order: SortOrder {
    guard let ascending else { return SortOrder.best(for: column) }
    return SortOrder(column: column, ascending: ascending)
  }

  /// `name, status, duration, experiment, pipeline, created, a metric name, or param:NAME`,
  /// for messages.
  public static var choicesText: String {
    keywords.map(\.word).joined(separator: ", ") + ", a metric name, or param:NAME"
  }
}
