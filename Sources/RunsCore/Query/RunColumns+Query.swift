extension RunColumns {
  /// One flag per run of `runs` (every run by default): whether `query` holds for it. Reads
  /// the table's per-column data (metric values, names, and the parameter and attribute
  /// columns kept for queries), building a column the first time a query reads it.
  public mutating func matchMask(_ query: Query, runs: Range<Int>? = nil) -> [Bool] {
    let range = runs ?? 0..<self.runs.count
    let fields = query.fields
    queryColumns.prepare(fields, runs: self.runs)
    var metrics: [String: [Double]] = [:]
    for case .metric(let name) in fields { metrics[name] = metricValues(name) }
    let evaluator = QueryEvaluator(
      columns: queryColumns.columns, names: names, metrics: metrics, range: range)
    return evaluator.mask(query.root)
  }

  /// Lets go of the query columns `query` does not read (all of them for `nil`).
  public mutating func keepQueryColumns(for query: Query?) {
    queryColumns.keepOnly(query?.fields ?? [])
  }
}

/// Evaluates a query's tree over a range of runs, one flag array per node: each test is a
/// tight loop over one column, and `and`, `or`, `not` combine whole arrays.
struct QueryEvaluator {
  let columns: [QueryColumns.Key: QueryColumns.Column]
  let names: NameIndex
  let metrics: [String: [Double]]
  let range: Range<Int>

  func mask(_ node: QueryNode) -> [Bool] {
    switch node {
    case .and(let a, let b): return combine(mask(a), mask(b)) { $0 & $1 }
    case .or(let a, let b): return combine(mask(a), mask(b)) { $0 | $1 }
    case .not(let a):
      var flags = mask(a)
      flags.withUnsafeMutableBytes { bytes in
        for index in bytes.indices { bytes[index] ^= 1 }
      }
      return flags
    case .test(let field, let test): return mask(field, test)
    }
  }

  private func combine(_ a: [Bool], _ b: [Bool], _ op: (UInt8, UInt8) -> UInt8) -> [Bool] {
    var result = a
    result.withUnsafeMutableBytes { result in
      b.withUnsafeBytes { b in
        for index in result.indices { result[index] = op(result[index], b[index]) }
      }
    }
    return result
  }

  private func mask(_ field: QueryField, _ test: QueryTest) -> [Bool] {
    switch field {
    case .metric(let name): return numbers(metrics[name] ?? [], test)
    case .attribute(.name): return texts(names, present: nil, test)
    case .attribute(.experiment):
      // A run's experiment is equal to a value when its name or its id is.
      guard case .texts(let experimentNames) = columns[.attribute(.experiment)],
        case .texts(let ids) = columns[.experimentID]
      else { preconditionFailure("experiment columns not prepared") }
      let byName = texts(experimentNames.index, present: experimentNames.present, test)
      switch test {
      case .text(.equal, _), .texts(_, negated: false):
        return combine(byName, texts(ids.index, present: ids.present, test)) { $0 | $1 }
      case .text(.notEqual, _), .texts(_, negated: true):
        return combine(byName, texts(ids.index, present: ids.present, test)) { $0 & $1 }
      default: return byName
      }
    case .parameter(let name):
      guard case .parameter(let numbers, let texts) = columns[.parameter(name)] else {
        preconditionFailure("parameter column not prepared")
      }
      return parameter(numbers, texts, test)
    case .attribute(let attribute):
      switch columns[.attribute(attribute)] {
      case .numbers(let values): return numbers(values, test)
      case .texts(let column): return texts(column.index, present: column.present, test)
      case .statuses(let codes): return statuses(codes, test)
      default: preconditionFailure("attribute column not prepared")
      }
    }
  }

  /// Flags computed one run at a time by `body(run)`.
  @inline(__always)
  private func flags(_ body: (Int) -> Bool) -> [Bool] {
    let start = range.lowerBound
    return [Bool](unsafeUninitializedCapacity: range.count) { flags, initialized in
      for offset in 0..<range.count { flags[offset] = body(start + offset) }
      initialized = range.count
    }
  }

  // MARK: Numbers and times (NaN is missing: every comparison with NaN is false)

  private func numbers(_ values: [Double], _ test: QueryTest) -> [Bool] {
    values.withUnsafeBufferPointer { v in
      switch test {
      case .has: return flags { !v[$0].isNaN }
      case .number(let op, let x):
        switch op {
        case .equal, .contains: return flags { v[$0] == x }
        case .notEqual, .notContains: return flags { v[$0] != x && !v[$0].isNaN }
        case .less: return flags { v[$0] < x }
        case .lessOrEqual: return flags { v[$0] <= x }
        case .greater: return flags { v[$0] > x }
        case .greaterOrEqual: return flags { v[$0] >= x }
        }
      case .numbers(let list, let negated):
        return flags { !v[$0].isNaN && list.contains(v[$0]) != negated }
      case .time(let op, let start, let end):
        switch op {
        case .equal, .contains: return flags { v[$0] >= start && v[$0] < end }
        case .notEqual, .notContains: return flags { v[$0] < start || v[$0] >= end }
        case .less: return flags { v[$0] < start }
        case .lessOrEqual: return flags { v[$0] < end }
        case .greater: return flags { v[$0] >= end }
        case .greaterOrEqual: return flags { v[$0] >= start }
        }
      case .text, .texts, .statuses: preconditionFailure("a text test of a number column")
      }
    }
  }

  // MARK: Text (in filter form: case and diacritics ignored)

  private func texts(_ index: NameIndex, present: [Bool]?, _ test: QueryTest) -> [Bool] {
    let count = range.count
    let start = range.lowerBound
    var result: [Bool]
    switch test {
    case .has: return present.map { Array($0[range]) } ?? [Bool](repeating: true, count: count)
    case .text(.contains, let operand), .text(.notContains, let operand):
      result = index.matchMask(operand.text, runs: range)
      if case .text(.notContains, _) = test {
        result.withUnsafeMutableBytes { bytes in
          for offset in bytes.indices { bytes[offset] ^= 1 }
        }
      }
    case .text(let op, let operand):
      result = [Bool](repeating: false, count: count)
      result.withUnsafeMutableBufferPointer { result in
        operand.folded.withUnsafeBufferPointer { needle in
          index.forEachName(in: range) { run, text in
            result[run - start] = op.holds(Self.order(text, needle), 0)
          }
        }
      }
    case .texts(let operands, let negated):
      result = [Bool](repeating: false, count: count)
      result.withUnsafeMutableBufferPointer { result in
        index.forEachName(in: range) { run, text in
          let found = operands.contains { operand in
            operand.folded.withUnsafeBufferPointer { Self.order(text, $0) == 0 }
          }
          result[run - start] = found != negated
        }
      }
    default: preconditionFailure("a number test of a text column")
    }
    if let present {
      present.withUnsafeBytes { present in
        result.withUnsafeMutableBytes { result in
          for offset in result.indices { result[offset] &= present[start + offset] }
        }
      }
    }
    return result
  }

  /// -1, 0 or 1 as `a` sorts before, equal to or after `b`, byte by byte.
  @inline(__always)
  static func order(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let shared = Swift.min(a.count, b.count)
    var position = 0
    while position < shared {
      if a[position] != b[position] { return a[position] < b[position] ? -1 : 1 }
      position += 1
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
  }

  // MARK: Parameters: numbers when both sides read as numbers, else text

  private func parameter(_ numbers: [Double], _ texts: QueryTextColumn, _ test: QueryTest)
    -> [Bool]
  {
    guard test.hasNumericOperand else {
      return self.texts(texts.index, present: texts.present, test)
    }
    // Most parameter columns are all numbers: then text never decides, and the test is a
    // plain loop over the numbers (a run whose value is not a number is then a missing one).
    let needsText = numbers.withUnsafeBufferPointer { v in
      texts.present.withUnsafeBufferPointer { present in
        range.contains { v[$0].isNaN && present[$0] }
      }
    }
    if !needsText {
      switch test {
      case .text(let op, let operand):
        return self.numbers(numbers, .number(op, operand.number ?? .nan))
      case .texts(let operands, let negated):
        // A value that reads as a number equals a text only if it equals its number.
        return self.numbers(numbers, .numbers(operands.compactMap(\.number), negated: negated))
      default: break
      }
    }
    let byText = self.texts(texts.index, present: texts.present, test)
    let start = range.lowerBound
    return numbers.withUnsafeBufferPointer { v in
      byText.withUnsafeBufferPointer { byText in
        flags { run in
          let value = v[run]
          let asText = byText[run - start]
          guard !value.isNaN else { return asText }
          switch test {
          case .text(let op, let operand): return op.holds(value, operand.number ?? .nan)
          case .texts(let operands, let negated):
            // Text equal or, for a value that reads as a number, numerically equal.
            let found = (asText != negated) || operands.contains { $0.number == value }
            return found != negated
          default: return asText
          }
        }
      }
    }
  }

  // MARK: Status

  private func statuses(_ codes: [UInt8], _ test: QueryTest) -> [Bool] {
    codes.withUnsafeBufferPointer { codes in
      switch test {
      case .has: return flags { codes[$0] != 0 }
      case .statuses(let set, let negated):
        var table = [Bool](repeating: false, count: 256)
        for status in set { table[Int(QueryColumns.statusCode(status))] = true }
        return table.withUnsafeBufferPointer { table in
          flags { codes[$0] != 0 && table[Int(codes[$0])] != negated }
        }
      default: preconditionFailure("a status column tested with \(test)")
      }
    }
  }
}

extension QueryTest {
  /// Whether some value of the test reads as a number (a parameter then compares numerically
  /// where the run's value does too).
  var hasNumericOperand: Bool {
    switch self {
    case .text(let op, let operand): op != .contains && op != .notContains && operand.number != nil
    case .texts(let operands, _): operands.contains { $0.number != nil }
    default: false
    }
  }
}
