import ArgumentParser
import Foundation
import RunsCore

/// `--where EXPR`: only the runs for which a query holds. An option group, so a command that
/// lists runs takes it with one `@OptionGroup var query: WhereOption`.
struct WhereOption: ParsableArguments {
  @Option(
    name: .customLong("where"),
    help: ArgumentHelp(
      "Only runs for which EXPR holds, e.g. 'accuracy > 90% and loss < 0.5'.",
      discussion: """
        Compare metrics, parameters and attributes (name, id, status, experiment, pipeline, \
        created, finished, duration) with = != < <= > >= ~ (contains) !~ and in (…); combine \
        with and, or, not and parentheses. A bare name means the run has it. Values: numbers, \
        90%, 1h30m, 2026-01-05 (local time), text. See README "Queries".
        """,
      valueName: "expr"))
  var expression: String?

  /// Fails on a syntax error before anything is loaded (names are checked against the runs).
  func checkSyntax() throws {
    guard let expression else { return }
    do {
      _ = try QuerySyntax.parse(expression)
    } catch {
      throw Self.failure(error, expression)
    }
  }

  /// The query over `runs` (whose metric and parameter names it may use); `nil` without one.
  func query(for runs: [Run]) throws -> Query? {
    guard let expression else { return nil }
    do {
      return try Query.compile(expression, names: QueryNames(runs: runs))
    } catch {
      throw Self.failure(error, expression)
    }
  }

  /// A usage failure that shows the expression with a `^` under the bad token.
  static func failure(_ error: QueryError, _ expression: String) -> CLIFailure {
    let lines = error.caretLines(expression)
    return .usage("--where: \(error)\n  \(lines[0])\n  \(lines[1])")
  }
}
