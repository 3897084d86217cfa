import ArgumentParser
import RunsCore
import RunsOutput

/// `kfp-runs compare`: every metric of some runs side by side.
struct CompareCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Print every metric of some runs side by side.",
    discussion: """
      One column per run, one row per metric: every metric of every compared run, the ones most \
      runs report first, then by name. table and markdown show values as the KFP UI does; csv \
      and json carry raw values. Without --runs, every run in scope is compared (after \
      --filter and --where, in --sort order, at most --limit).

      Examples:
        kfp-runs compare runs/ --sort accuracy-score --limit 3
        kfp-runs compare runs/ --filter resnet --format csv
        kfp-runs compare runs/ --where 'status = Failed'
      """
  )

  @OptionGroup var options: SourceOptions
  @OptionGroup var query: WhereOption

  @Option(
    help: ArgumentHelp(
      "The runs to compare, in order: each a run id, run name or run directory name.",
      valueName: "r1,r2,…"))
  var runs: String?

  func run() async throws {
    try query.checkSyntax()
    let loaded = try await RunLoader.load(options)
    let scope = loaded.result.runs
    let compiled = try query.query(for: scope)
    var chosen: [Run]
    if let runs {
      let keys = runs.split(separator: ",").map { String($0) }.filter { !$0.isEmpty }
      guard !keys.isEmpty else { throw CLIFailure.usage("--runs needs at least one run") }
      var root: String?
      if case .directory(let path) = loaded.source.spec { root = path }
      chosen = try keys.map { try RunLookup.find($0, in: scope, directoryRoot: root) }
      if let compiled {
        // Named runs are compared only when the query holds for them, in the order named.
        var columns = RunColumns(runs: chosen)
        let holds = columns.matchMask(compiled)
        chosen = chosen.indices.filter { holds[$0] }.map { chosen[$0] }
      }
    } else {
      let order = try SortResolver.order(options.sort, scope: scope)
      chosen =
        RunListing(
          scope: scope, metrics: .all, filter: options.filter, query: compiled, order: order,
          limit: options.limit
        ).runs
    }
    let matrix = CompareMatrix(runs: chosen)
    let text: String
    switch options.format {
    case .table, .markdown:
      let table = CompareOutput.table(matrix, runs: chosen)
      text = options.format == .table ? table.plainText() : table.markdown()
    case .csv: text = CompareOutput.csv(matrix, runs: chosen)
    case .json: text = CompareOutput.json(matrix, runs: chosen)
    }
    StandardOutput.write(text)
    if scope.isEmpty { StandardError.write("\(SourceText.emptyMessage(loaded.source.spec))\n") }
    ProblemSummary.report(loaded.result.problems, spec: loaded.source.spec)
  }
}
