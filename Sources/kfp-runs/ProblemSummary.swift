import RunsCore
import RunsData

/// The problem count `list` prints on stderr.
enum ProblemSummary {
  /// How many problem lines a non-directory source prints before `… and N more`.
  static let shownLines = 10

  /// `⚠ N problems: run 'kfp-runs check DIR' for details` for a directory; for other sources,
  /// which `check` cannot read, the first problems themselves.
  static func report(_ problems: [Problem], spec: SourceSpec) {
    guard !problems.isEmpty else { return }
    let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
    switch spec {
    case .directory(let path):
      StandardError.write(
        "⚠ \(count): run 'kfp-runs check \(ShellText.quoted(TextSanitizer.clean(path)))' for details\n"
      )
    case .jsonFile, .demo, .server:
      StandardError.write("⚠ \(count):\n")
      for problem in problems.prefix(shownLines) {
        StandardError.write("  " + TextSanitizer.clean(problem.line) + "\n")
      }
      if problems.count > shownLines {
        StandardError.write("  … and \(problems.count - shownLines) more\n")
      }
    }
  }
}
