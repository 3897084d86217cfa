import Foundation
import Testing

/// The variable that rewrites every snapshot and golden file from the current output.
public let updateVariable = "UPDATE_SNAPSHOTS"

/// Checks `actual` against the text file at `url`, the one mechanism behind screen snapshots
/// and command goldens. A missing file, or any file when `UPDATE_SNAPSHOTS=1`, is written from
/// `actual` and the check fails once, so a recording is always reviewed (`git diff`) and rerun.
public func expectText(
  _ actual: String, inFile url: URL, sourceLocation: SourceLocation = #_sourceLocation
) {
  let updating = ProcessInfo.processInfo.environment[updateVariable] == "1"
  let expected = try? String(contentsOf: url, encoding: .utf8)
  if let expected, !updating {
    if expected != actual {
      Issue.record(
        "\(url.lastPathComponent) differs:\n\(differences(actual, expected))\nFull output:\n\(actual)",
        sourceLocation: sourceLocation)
    }
    return
  }
  if expected == actual { return }
  do {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(actual.utf8).write(to: url)
    Issue.record(
      "recorded \(url.lastPathComponent) from this run: review it (git diff) and run again",
      sourceLocation: sourceLocation)
  } catch {
    Issue.record("cannot record \(url.path): \(error)", sourceLocation: sourceLocation)
  }
}

/// `line N: got … / want …` for the first eight lines that differ.
public func differences(_ actual: String, _ expected: String) -> String {
  let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let lines = (0..<max(got.count, want.count)).lazy.compactMap { index -> String? in
    let line = index < got.count ? String(got[index]) : "<end>"
    let wanted = index < want.count ? String(want[index]) : "<end>"
    guard line != wanted else { return nil }
    return "line \(index + 1): got \(line.debugDescription) / want \(wanted.debugDescription)"
  }
  return lines.prefix(8).joined(separator: "\n")
}
