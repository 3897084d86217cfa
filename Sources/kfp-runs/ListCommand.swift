import ArgumentParser
import Foundation
import RunsCore

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
        kfp-runs list runs/ --sort accuracy
        kfp-runs list runs/ --where 'accuracy > 90% and loss < 0.5'
        kfp-runs list runs/ --filter lr- --metrics accuracy,loss --format csv
        kfp-runs list http://localhost:8888 --experiment mnist --format json
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
    warnAboutUnknownMetrics(options, scope: scope)
    let scopeIsEmpty = scope.isEmpty
    let listing = RunListing(
      scope: consume scope, metrics: options.metricChoice, parameters: options.parameterChoice,
      filter: options.filter, query: compiled, order: order, limit: options.limit)
    switch options.format {
    case .table, .markdown:
      let table = RunsTable.make(
        runs: listing.runs, metricNames: listing.metricNames,
        parameterNames: listing.parameterNames, showsExperiment: listing.showsExperiment)
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

  private static func warnAboutUnknownMetrics(_ options: SourceOptions, scope: [Run]) {
    guard case .named(let names) = options.metricChoice, !scope.isEmpty else { return }
    let known = Set(MetricColumns.all(in: scope))
    for name in names where !known.contains(name) {
      StandardError.write("kfp-runs: no run has a metric named '\(TextSanitizer.clean(name))'\n")
    }
    guard case .named(let parameters) = options.parameterChoice, !parameters.isEmpty else {
      return
    }
    let knownParameters = Set(ParameterColumns.all(in: scope))
    for name in parameters where !knownParameters.contains(name) {
      StandardError.write(
        "kfp-runs: no run has a parameter named '\(TextSanitizer.clean(name))'\n")
    }
  }
}
