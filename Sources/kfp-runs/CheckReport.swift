import RunsCore

/// What `check` found: the problem lines and the counts for the summary.
struct CheckReport {
  private(set) var lines: [String] = []
  private(set) var errors = 0
  private(set) var warnings = 0
  private var runs = 0
  private var files = 0

  mutating func add(_ problems: [Problem], runs: Int = 0, files: Int = 0) {
    self.runs += runs
    self.files += files
    for problem in problems {
      lines.append(TextSanitizer.clean(problem.line))
      if problem.severity == .error { errors += 1 } else { warnings += 1 }
    }
  }

  /// The lines, then `checked …: E errors, W warnings`.
  var text: String {
    var checked: [String] = []
    if runs > 0 || files == 0 { checked.append(Self.count(runs, "run")) }
    if files > 0 { checked.append(Self.count(files, "file")) }
    let summary =
      "checked \(checked.joined(separator: " and ")): \(Self.count(errors, "error")), "
      + Self.count(warnings, "warning")
    return (lines + [summary]).map { $0 + "\n" }.joined()
  }

  private static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }
}
