import Foundation
import Testing

/// Compares an invocation with its golden file in `Tests/CLITests/Golden/`, or rewrites the file
/// when `KFP_RUNS_UPDATE_GOLDEN=1`.
///
/// A golden file holds the command, the exit status, stdout and stderr, with the fixture's path
/// shown as `$FIXTURE`.
enum Golden {
  /// Whether this run rewrites golden files instead of checking them.
  static var updating: Bool { ProcessInfo.processInfo.environment["KFP_RUNS_UPDATE_GOLDEN"] == "1" }

  /// The golden folder in the source tree (written when updating).
  static let sourceFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

  /// The text a golden file holds for `invocation`.
  static func text(of invocation: Invocation, fixture: Fixture) -> String {
    """
    $ kfp-runs \(invocation.arguments.map { fixture.mask($0) }.joined(separator: " "))
    [exit \(invocation.status)]
    --- stdout
    \(fixture.mask(invocation.stdout))--- stderr
    \(fixture.mask(invocation.stderr))
    """
  }

  /// Checks `invocation` against `Golden/NAME.txt` (or writes it when updating).
  static func check(
    _ invocation: Invocation, fixture: Fixture, name: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let actual = text(of: invocation, fixture: fixture)
    let file = "\(name).txt"
    if updating {
      try Data(actual.utf8).write(to: sourceFolder.appendingPathComponent(file))
      return
    }
    let bundled = try #require(
      Bundle.module.url(forResource: "Golden", withExtension: nil),
      "the Golden folder is a resource of CLITests", sourceLocation: sourceLocation)
    let url = bundled.appendingPathComponent(file)
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "no golden file \(file): run with KFP_RUNS_UPDATE_GOLDEN=1 to create it",
        sourceLocation: sourceLocation)
      return
    }
    #expect(
      actual == expected, "golden \(file) differs: \(firstDifference(actual, expected))",
      sourceLocation: sourceLocation)
  }

  /// `line N: got … / want …` for the first line that differs.
  static func firstDifference(_ actual: String, _ expected: String) -> String {
    let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(got.count, want.count) {
      let line = index < got.count ? String(got[index]) : "<end>"
      let wanted = index < want.count ? String(want[index]) : "<end>"
      if line != wanted {
        return "line \(index + 1): got \(line.debugDescription) / want \(wanted.debugDescription)"
      }
    }
    return "no line differs"
  }
}
