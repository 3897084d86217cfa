import Foundation

@testable import RunsCore

/// The plainest possible evaluation of a query, one `Run` at a time, to check the column
/// evaluator against.
enum ReferenceQuery {
  static func holds(_ node: QueryNode, _ run: Run) -> Bool {
    switch node {
    case .and(let a, let b): return holds(a, run) && holds(b, run)
    case .or(let a, let b): return holds(a, run) || holds(b, run)
    case .not(let a): return !holds(a, run)
    case .test(let field, let test): return holds(field, test, run)
    }
  }

  /// Text compares without case and without accents (as the name filter does).
  private static func fold(_ text: String) -> [UInt8] {
    let marks = text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
    let bare = String(
      String.UnicodeScalarView(marks.filter { !(0x300...0x36F).contains($0.value) }))
    return Array(bare.precomposedStringWithCanonicalMapping.utf8)
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    if needle.isEmpty { return true }
    guard haystack.count >= needle.count else { return false }
    return (0...(haystack.count - needle.count)).contains {
      Array(haystack[$0..<$0 + needle.count]) == needle
    }
  }

  private static func compare(_ op: QueryOperator, _ a: [UInt8], _ b: [UInt8]) -> Bool {
    switch op {
    case .equal: a == b
    case .notEqual: a != b
    case .less: a.lexicographicallyPrecedes(b)
    case .lessOrEqual: !b.lexicographicallyPrecedes(a)
    case .greater: b.lexicographicallyPrecedes(a)
    case .greaterOrEqual: !a.lexicographicallyPrecedes(b)
    case .contains: contains(a, b)
    case .notContains: !contains(a, b)
    }
  }

  private static func compare(_ op: QueryOperator, _ a: Double, _ b: Double) -> Bool {
    switch op {
    case .equal, .contains: a == b
    case .notEqual, .notContains: a != b
    case .less: a < b
    case .lessOrEqual: a <= b
    case .greater: a > b
    case .greaterOrEqual: a >= b
    }
  }

  private static func holds(_ field: QueryField, _ test: QueryTest, _ run: Run) -> Bool {
    switch field {
    case .metric(let name):
      return number(run.value(of: name), test)
    case .parameter(let name):
      guard let text = run.parameters.first(where: { $0.name == name })?.value else {
        return false
      }
      // What reads as a number is `QueryValueText`'s rule, tested on its own.
      let value = QueryValueText.number(text)
      switch test {
      case .has: return true
      case .text(let op, let operand):
        if op != .contains, op != .notContains, let value, let number = operand.number {
          return compare(op, value, number)
        }
        return compare(op, fold(text), operand.folded)
      case .texts(let operands, let negated):
        let found = operands.contains { operand in
          if let value, let number = operand.number, number == value { return true }
          return fold(text) == operand.folded
        }
        return found != negated
      default: fatalError("not a parameter test")
      }
    case .attribute(let attribute):
      switch attribute {
      case .name: return text(run.name, test)
      case .id: return text(run.id, test)
      case .pipeline: return text(run.pipeline, test)
      case .experiment:
        guard let experiment = run.experiment else { return false }
        switch test {
        case .text(.equal, _), .texts(_, negated: false):
          return text(experiment.name, test) || text(experiment.id, test)
        case .text(.notEqual, _), .texts(_, negated: true):
          return text(experiment.name, test) && text(experiment.id, test)
        default: return text(experiment.name, test)
        }
      case .status:
        guard let status = run.status else { return false }
        switch test {
        case .has: return true
        case .statuses(let set, let negated): return set.contains(status) != negated
        default: fatalError("not a status test")
        }
      case .created: return number(run.createdAt?.timeIntervalSince1970, test)
      case .finished: return number(run.finishedAt?.timeIntervalSince1970, test)
      case .duration: return number(run.duration, test)
      }
    }
  }

  private static func text(_ value: String?, _ test: QueryTest) -> Bool {
    guard let value else { return false }
    switch test {
    case .has: return true
    case .text(let op, let operand): return compare(op, fold(value), operand.folded)
    case .texts(let operands, let negated):
      return operands.contains { fold(value) == $0.folded } != negated
    default: fatalError("not a text test")
    }
  }

  private static func number(_ value: Double?, _ test: QueryTest) -> Bool {
    guard let value, value.isFinite else { return false }
    switch test {
    case .has: return true
    case .number(let op, let x): return compare(op, value, x)
    case .numbers(let list, let negated): return list.contains(value) != negated
    case .time(let op, let start, let end):
      switch op {
      case .equal: return start <= value && value < end
      case .notEqual: return !(start <= value && value < end)
      case .less: return value < start
      case .lessOrEqual: return value < end
      case .greater: return value >= end
      case .greaterOrEqual: return value >= start
      default: fatalError("not a time test")
      }
    default: fatalError("not a number test")
    }
  }
}
