import ArgumentParser
import Foundation
import RunsCore
import RunsOutput
import RunsUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `kfp-runs plot`: a scatter plot of the runs as text.
struct PlotCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plot",
    abstract: "Print a scatter plot of the runs: one metric against another, or over time.",
    discussion: """
      Draws the runs in scope (after --experiment, --filter, --where and --limit) as dots: Braille \
      characters (2 × 4 dots per character) in a UTF-8 locale, * otherwise. The title says \
      how many runs are plotted and how many lack a value on either axis. An axis is created \
      (the start time), duration, a metric, or a parameter with numeric values; write \
      metric:NAME or param:NAME when a metric and a parameter share a name. Default: --x \
      created, --y the --sort metric or the metric the most runs report.

      Examples:
        kfp-runs plot --demo --y accuracy-score
        kfp-runs plot --demo --x learning_rate --y loss --log-x
        kfp-runs plot --demo --y roc-auc --where 'pipeline = xgboost-trainer'
        kfp-runs plot runs/ --y accuracy-score --filter resnet --width 100 --height 30
      """
  )

  @OptionGroup var options: SourceOptions
  @OptionGroup var query: WhereOption

  @Option(name: .customLong("x"), help: ArgumentHelp("The horizontal axis.", valueName: "name"))
  var xAxis: String?

  @Option(name: .customLong("y"), help: ArgumentHelp("The vertical axis.", valueName: "name"))
  var yAxis: String?

  @Flag(help: "A log scale on the horizontal axis (runs at zero or below are left out).")
  var logX = false

  @Flag(help: "A log scale on the vertical axis (runs at zero or below are left out).")
  var logY = false

  @Option(help: "The chart's width in characters.")
  var width = 80

  @Option(help: "The chart's height in lines.")
  var height = 24

  mutating func validate() throws {
    // The format option belongs to the shared source options; a chart has only one form.
    if ProgramArguments.all.contains(where: { $0 == "--format" || $0.hasPrefix("--format=") }) {
      throw ValidationError("plot prints a chart; --format does not apply (see `kfp-runs list`)")
    }
    if width < 20 { throw ValidationError("--width must be at least 20") }
    if height < 6 { throw ValidationError("--height must be at least 6") }
  }

  func run() async throws {
    try query.checkSyntax()
    let loaded = try await RunLoader.load(options)
    let scope = loaded.result.runs
    let compiled = try query.query(for: scope)
    let order = try SortResolver.order(options.sort, scope: scope)
    let metrics = MetricColumns.all(in: scope)
    let listing = RunListing(
      scope: scope, metrics: .top(1), filter: options.filter, query: compiled, order: order,
      limit: options.limit)
    let choices = PlotAxis.choices(metrics: metrics, runs: listing.runs)
    let x = try Self.axis(xAxis, option: "--x", choices: choices) ?? .created
    let defaultY: PlotAxis
    if case .metric(let name) = order.column {
      defaultY = .metric(name)
    } else {
      defaultY = metrics.first.map { .metric($0) } ?? .duration
    }
    let y = try Self.axis(yAxis, option: "--y", choices: choices) ?? defaultY
    let points = PlotPoints(
      runs: listing.runs, indices: listing.runs.indices, x: x, y: y, logX: logX, logY: logY)
    let lines = PlotText.lines(
      points, width: width, height: height, ascii: !Self.localeIsUTF8(), timeZone: .current)
    StandardOutput.write(lines.joined(separator: "\n") + "\n")
    if scope.isEmpty { StandardError.write("\(SourceText.emptyMessage(loaded.source.spec))\n") }
    ProblemSummary.report(loaded.result.problems, spec: loaded.source.spec)
  }

  /// The axis an option names; an unknown name is a usage error that lists the choices.
  private static func axis(_ text: String?, option: String, choices: [PlotAxis]) throws
    -> PlotAxis?
  {
    guard let text else { return nil }
    if let axis = PlotAxis.resolve(text, among: choices) { return axis }
    func names(_ axes: [PlotAxis]) -> String {
      let shown = axes.prefix(12).map { TextSanitizer.clean($0.name) }.joined(separator: ", ")
      return shown + (axes.count > 12 ? ", …" : "")
    }
    let metrics = choices.filter { if case .metric = $0 { true } else { false } }
    let parameters = choices.filter { if case .parameter = $0 { true } else { false } }
    var known = "created, duration"
    if !metrics.isEmpty { known += "; metrics: " + names(metrics) }
    if !parameters.isEmpty { known += "; numeric parameters: " + names(parameters) }
    throw CLIFailure.usage(
      "no axis named '\(TextSanitizer.clean(text))' for \(option); choose \(known)")
  }

  /// Whether the locale's character set is UTF-8 (else the dots are `*`).
  private static func localeIsUTF8() -> Bool {
    setlocale(LC_CTYPE, "")
    let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased().filter {
      $0 != "-" && $0 != "_"
    }
    return codeset == "UTF8"
  }
}
