import ArgumentParser
import Foundation
import RunsCore
import RunsOutput

/// `kfp-runs list`: prints the runs table.
struct ListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "Print the runs table.",
    discussion: """
      Prints one row per run: name, status, duration, experiment (when there are several), \
      pipeline, start time (local time), then the metric columns formatted like the KFP UI. \
      csv and json carry raw values and RFC 3339 UTC times. Problems met while loading are \
      counted on stderr.

      Examples:
        kfp-runs list runs/ --sort accuracy-score
        kfp-runs list runs/ --where 'accuracy-score > 90% and loss < 0.5'
        kfp-runs list runs/ --metrics accuracy-score,loss --format csv
        kfp-runs list http://localhost:8888 --experiment image-classifier
        kfp-runs list runs/ --filter resnet --format json
      """
  )

  @OptionGroup var options: SourceOptions
  @OptionGroup var query: WhereOption

  func run() async throws {
    try query.checkSyntax()
    let loaded = try await RunLoader.load(options)
    try ListPrinter.print(consume loaded, options: options, query: query)
  }
}

/// Prints `list` output; shared with `browse` when stdout is not a terminal.
enum ListPrinter {
  /// Prints the runs in the requested format on stdout, the problem count on stderr.
  static func print(_ loaded: consuming LoadedRuns, options: SourceOptions, query: WhereOption)
    throws
  {
    // The listing gets the only reference to the runs, so it sorts them in place.
    let scope = loaded.result.runs
    loaded.result.runs = []
    let order = try SortResolver.order(options.sort, scope: scope)
    let compiled = try query.query(for: scope)
    try checkMetricNames(options, scope: scope)
    let scopeIsEmpty = scope.isEmpty
    let listing = RunListing(
      scope: consume scope, metrics: options.metricChoice, parameters: options.parameterChoice,
      filter: options.filter, query: compiled, order: order, limit: options.limit)
    switch options.format {
    case .table, .markdown:
      // On a terminal the table is fitted to its width; piped, lines are whole.
      let table = RunsTable.make(
        runs: listing.runs, metricNames: listing.metricNames,
        parameterNames: listing.parameterNames, showsExperiment: listing.showsExperiment,
        width: options.format == .table ? TerminalWidth.ofStandardOutput() : nil)
      StandardOutput.write(options.format == .table ? table.plainText() : table.markdown())
    case .csv:
      // Written chunk by chunk as the cores build it: the whole text is never held.
      RunsCSV.write(
        runs: listing.runs, metricNames: listing.metricNames,
        parameterNames: listing.parameterNames
      ) {
        StandardOutput.write($0)
      }
    case .json: StandardOutput.write(RunsJSON.text(runs: listing.runs))
    }
    if scopeIsEmpty {
      StandardError.write("\(SourceText.emptyMessage(loaded.source.spec))\n")
    }
    ProblemSummary.report(loaded.result.problems, spec: loaded.source.spec)
  }

  /// `--metrics` naming no metric any run reports is bad usage (as `--sort` by one is); a
  /// list where only some names are unknown prints, with a warning for each of those.
  static func checkMetricNames(_ options: SourceOptions, scope: [Run]) throws {
    guard case .named(let names) = options.metricChoice, !scope.isEmpty else { return }
    let all = MetricColumns.all(in: scope)
    let known = Set(all)
    if !names.contains(where: known.contains) {
      let listed =
        all.isEmpty ? "no run reports a metric" : "metrics: " + all.joined(separator: ", ")
      throw CLIFailure.usage(
        "--metrics names no metric any run reports (\(TextSanitizer.clean(listed)))")
    }
    for name in names where !known.contains(name) {
      Diagnostic.warning("no run has a metric named '\(TextSanitizer.clean(name))'")
    }
    guard case .named(let parameters) = options.parameterChoice, !parameters.isEmpty else {
      return
    }
    let knownParameters = Set(ParameterColumns.all(in: scope))
    for name in parameters where !knownParameters.contains(name) {
      Diagnostic.warning("no run has a parameter named '\(TextSanitizer.clean(name))'")
    }
  }
}
