import ArgumentParser
import Foundation
import RunsCore
import RunsData

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `kfp-runs watch`: prints each change to the runs as it happens.
struct WatchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Print each change to the runs as it happens, one line per change.",
    discussion: """
      Like `kubectl get --watch`: after loading the runs, prints a line whenever a run appears \
      (`+ new run`), goes (`− removed`), changes status (`status Running → Succeeded`) or a \
      metric changes (`accuracy-score 91.000% → 92.500% ▲`). A directory is watched with \
      file notifications (a stat-only scan every --interval seconds where those are not \
      available); a server is polled every --interval seconds (a KFP 2.x server through \
      v2beta1, with the metrics of new, changed and unfinished runs from ML Metadata). Ends \
      with Ctrl-C (exit 0), or with --until-done once no run in scope is Pending or Running.

      --format jsonl prints one JSON object per change: time, run, name, change (added, \
      removed, status, metric), old, new, and for a metric its name, format, direction and \
      whether it got better.

      Examples:
        kfp-runs watch runs/
        kfp-runs watch http://localhost:8888 --experiment mnist --until-done
        kfp-runs watch runs/ --format jsonl | jq .
      """
  )

  /// How changes are printed.
  enum Format: String, CaseIterable, ExpressibleByArgument {
    case text
    case jsonl
  }

  @Argument(
    help: ArgumentHelp(
      "A runs directory or a KFP API URL (default: $KF_PIPELINES_ENDPOINT, else the current "
        + "directory).", valueName: "source"))
  var source: String?

  @Option(
    help: ArgumentHelp("Only the runs of this experiment (name or id).", valueName: "name|id"))
  var experiment: String?

  @OptionGroup var server: ServerOptions

  @Option(help: ArgumentHelp("Only runs whose name contains TEXT (any case).", valueName: "text"))
  var filter: String?

  @OptionGroup var query: WhereOption

  @Option(
    help: ArgumentHelp(
      "Seconds between polls of a server (default 10) or scans of a directory (default 2).",
      valueName: "seconds"))
  var interval: Double?

  @Option(help: "How to print: text lines or JSON Lines.")
  var format: Format = .text

  @Flag(help: "Exit 0 once no run in scope is Pending or Running.")
  var untilDone = false

  mutating func validate() throws {
    if let interval, !(interval > 0 && interval <= 86_400) {
      throw ValidationError("--interval must be between 0 and 86400 seconds")
    }
  }

  func run() async throws {
    try query.checkSyntax()
    let resolved = try RunSource(
      source: source, demo: false,
      // Polls read the API the first load used (v2beta1 and ML Metadata on KFP 2.x).
      server: server.flags(experiment: experiment),
      limit: nil)
    let watch = try WatchSource.make(resolved, interval: interval)
    // Ctrl-C is the ordinary way to stop watching: a success.
    signal(SIGINT) { _ in _exit(0) }
    let loaded = await watch.start()
    if let failure = loaded.sourceFailure {
      throw CLIFailure.source(TextSanitizer.clean(failure.line))
    }
    var runs: [String: Run] = [:]
    for run in loaded.runs { runs[run.id] = run }
    let scope = WatchScope(
      experiment: resolved.scopesExperiment ? nil : experiment, filter: filter,
      query: try query.query(for: loaded.runs))
    let inScope = scope.filter(Array(runs.values))
    StandardError.write(
      "kfp-runs: watching \(inScope.count) runs in \(SourceText.describe(resolved.spec))"
        + " (\(watch.method)); Ctrl-C ends\n")
    if untilDone, Self.allDone(inScope) { return }
    var shown = Set(loaded.problems)
    while true {
      let update = await watch.next()
      if let notice = update.notice { StandardError.write("kfp-runs: \(notice)\n") }
      if let problems = update.problems {
        // Each problem once, when it first shows up: a half-written file is said while it is.
        for problem in problems where !shown.contains(problem) {
          StandardError.write("kfp-runs: \(TextSanitizer.clean(problem.line))\n")
        }
        shown = Set(problems)
      }
      let now = Date()
      let clock = String(TimeText.local(now).suffix(8))
      var before: [String: Run] = [:]
      for id in update.removed { before[id] = runs.removeValue(forKey: id) }
      for run in update.replaced {
        if let old = runs[run.id] { before[run.id] = old }
        runs[run.id] = run
      }
      // A change is said when its run is in scope before or after it: a run that leaves
      // `--where` says what made it leave.
      var said: [String: Bool] = [:]
      for change in update.changes {
        let inScope =
          said[change.runID]
          ?? [runs[change.runID], before[change.runID]].contains { $0.map(scope.contains) == true }
        said[change.runID] = inScope
        guard inScope else { continue }
        StandardOutput.write(
          (format == .text ? change.line(clock: clock) : change.jsonLine(time: now)) + "\n")
      }
      if untilDone, Self.allDone(scope.filter(Array(runs.values))) { return }
    }
  }

  private static func allDone(_ runs: [Run]) -> Bool {
    !runs.contains { $0.status?.isActive ?? false }
  }
}

/// Which runs `watch` reports: the experiment (when the source does not scope it), the name
/// filter and the `--where` query.
struct WatchScope {
  var experiment: String?
  var filter: String?
  var query: Query?

  func contains(_ run: Run) -> Bool {
    !filter([run]).isEmpty
  }

  /// The runs of `runs` in scope.
  func filter(_ runs: [Run]) -> [Run] {
    var kept = runs.filter { run in
      if let experiment, !Scope.experiment(experiment).contains(run) { return false }
      if let filter, !RunFilter.matches(run, text: filter) { return false }
      return true
    }
    if let query, !kept.isEmpty {
      var columns = RunColumns(runs: kept)
      let mask = columns.matchMask(query)
      kept = kept.indices.filter { mask[$0] }.map { kept[$0] }
    }
    return kept
  }
}
