import Foundation
import TestSupport
import Testing

/// Compares an invocation with its golden file in `Tests/CLITests/Golden/` (see ``expectText``).
///
/// A golden file holds the command, the exit status, stdout and stderr, with the fixture's path
/// shown as `$FIXTURE`.
enum Golden {
  /// The golden folder in the source tree.
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

  /// Checks `invocation` against `Golden/NAME.txt`.
  static func check(
    _ invocation: Invocation, fixture: Fixture, name: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    expectText(
      text(of: invocation, fixture: fixture),
      inFile: sourceFolder.appendingPathComponent("\(name).txt"), sourceLocation: sourceLocation)
  }
}
