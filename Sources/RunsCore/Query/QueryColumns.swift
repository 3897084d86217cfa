/// The per-run data of the parameters and attributes queries read, kept beside the table's
/// other columns: a column is built the first time a query reads it, then extended as runs
/// arrive and updated as runs are replaced, so a later query costs no pass over the runs.
/// (Metric values and run names come from the table's sort keys and name index.)
public struct QueryColumns: Sendable {
  enum Key: Hashable, Sendable {
    case parameter(String)
    case attribute(QueryAttribute)
    case experimentID
  }

  enum Column: Sendable {
    /// One value per run, NaN when missing.
    case numbers([Double])
    case texts(QueryTextColumn)
    /// `RunStatus` codes, 0 when missing (see `QueryColumns.statusCode`).
    case statuses([UInt8])
    /// The number each value reads as (NaN when none or missing) and the text.
    case parameter([Double], QueryTextColumn)
  }

  private(set) var columns: [Key: Column] = [:]

  /// No columns yet.
  public init() {}

  /// Builds the columns `fields` need that are not built yet.
  mutating func prepare(_ fields: Set<QueryField>, runs: [Run]) {
    for key in fields.flatMap(Self.keys) where columns[key] == nil {
      columns[key] = Self.column(Self.extract(key, from: runs[...]))
    }
  }

  /// Lets go of the columns `fields` do not need.
  public mutating func keepOnly(_ fields: Set<QueryField>) {
    let needed = Set(fields.flatMap(Self.keys))
    for key in Array(columns.keys) where !needed.contains(key) { columns[key] = nil }
  }

  /// Extends the built columns by runs appended to the table.
  mutating func append(contentsOf runs: ArraySlice<Run>) {
    guard !runs.isEmpty else { return }
    for key in Array(columns.keys) {
      // Taken out of the dictionary first, so the arrays grow without being copied.
      guard var column = columns.removeValue(forKey: key) else { continue }
      Self.update(&column, with: Self.extract(key, from: runs), at: nil)
      columns[key] = column
    }
  }

  /// Updates the built columns for runs replaced in place.
  mutating func replace(_ replacements: [(index: Int, run: Run)]) {
    guard !replacements.isEmpty else { return }
    for key in Array(columns.keys) {
      guard var column = columns.removeValue(forKey: key) else { continue }
      for (index, run) in replacements {
        Self.update(&column, with: Self.extract(key, from: [run][...]), at: index)
      }
      columns[key] = column
    }
  }

  /// The values of some runs as extracted, before they join a column.
  private enum Values {
    case numbers([Double])
    case texts([String?])
    case statuses([UInt8])
    case parameter([String?])
  }

  private static func column(_ values: Values) -> Column {
    switch values {
    case .numbers(let numbers): .numbers(numbers)
    case .texts(let texts): .texts(QueryTextColumn(texts))
    case .statuses(let codes): .statuses(codes)
    case .parameter(let texts):
      .parameter(texts.map { $0.flatMap(QueryValueText.number) ?? .nan }, QueryTextColumn(texts))
    }
  }

  /// Appends `values` to `column` (`index` nil) or puts the one value at run `index`.
  private static func update(_ column: inout Column, with values: Values, at index: Int?) {
    let taken = column
    column = .statuses([])  // Drops the reference `column` held, so `taken` is unique.
    switch (taken, values) {
    case (.numbers(var numbers), .numbers(let new)):
      if let index { numbers[index] = new[0] } else { numbers += new }
      column = .numbers(numbers)
    case (.statuses(var codes), .statuses(let new)):
      if let index { codes[index] = new[0] } else { codes += new }
      column = .statuses(codes)
    case (.texts(var texts), .texts(let new)):
      if let index { texts.replace(index, with: new[0]) } else { texts.append(contentsOf: new) }
      column = .texts(texts)
    case (.parameter(var numbers, var texts), .parameter(let new)):
      let newNumbers = new.map { $0.flatMap(QueryValueText.number) ?? .nan }
      if let index {
        numbers[index] = newNumbers[0]
        texts.replace(index, with: new[0])
      } else {
        numbers += newNumbers
        texts.append(contentsOf: new)
      }
      column = .parameter(numbers, texts)
    default: preconditionFailure("mixed query columns")
    }
  }

  /// The stored columns a field reads (none for metrics and run names: the table has them).
  private static func keys(_ field: QueryField) -> [Key] {
    switch field {
    case .metric, .attribute(.name): []
    case .parameter(let name): [.parameter(name)]
    case .attribute(.experiment): [.attribute(.experiment), .experimentID]
    case .attribute(let attribute): [.attribute(attribute)]
    }
  }

  /// A status's code: its position among `RunStatus.allCases`, plus one.
  static func statusCode(_ status: RunStatus?) -> UInt8 {
    guard let status else { return 0 }
    return UInt8(RunStatus.allCases.firstIndex(of: status)! + 1)
  }

  private static func extract(_ key: Key, from runs: ArraySlice<Run>) -> Values {
    switch key {
    case .experimentID: return .texts(runs.map { $0.experiment?.id })
    case .parameter(let name):
      return .parameter(runs.map { run in run.parameters.first { $0.name == name }?.value })
    case .attribute(let attribute):
      switch attribute {
      case .name: return .texts(runs.map(\.name))
      case .id: return .texts(runs.map(\.id))
      case .experiment: return .texts(runs.map { $0.experiment?.name })
      case .pipeline: return .texts(runs.map(\.pipeline))
      case .status: return .statuses(runs.map { statusCode($0.status) })
      case .created: return .numbers(runs.map { finite($0.createdAt?.timeIntervalSince1970) })
      case .finished: return .numbers(runs.map { finite($0.finishedAt?.timeIntervalSince1970) })
      case .duration: return .numbers(runs.map { finite($0.duration) })
      }
    }
  }

  private static func finite(_ value: Double?) -> Double {
    guard let value, value.isFinite else { return .nan }
    return value
  }
}

/// One text per run in filter form (`NameIndex`), and whether the run has one at all.
struct QueryTextColumn: Sendable {
  private(set) var index = NameIndex()
  /// Whether each run has the text (an empty text is a text).
  private(set) var present: [Bool] = []

  init(_ texts: [String?]) {
    append(contentsOf: texts)
  }

  mutating func append(contentsOf texts: [String?]) {
    index.append(contentsOf: texts.lazy.map { $0 ?? "" })
    present += texts.lazy.map { $0 != nil }
  }

  mutating func replace(_ run: Int, with text: String?) {
    index.replace([(index: run, name: text ?? "")])
    present[run] = text != nil
  }
}
