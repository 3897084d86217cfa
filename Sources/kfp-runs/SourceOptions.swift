import ArgumentParser
import Foundation
import RunsCore
import RunsData
import RunsOutput

/// The options `browse`, `list` and `compare` share: where runs come from and how to show them.
struct SourceOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "A runs directory, a saved JSON file of KFP runs, or a KFP API URL.",
      discussion: "Default: $KF_PIPELINES_ENDPOINT when set, else the current directory.",
      valueName: "source"))
  var source: String?

  @Option(
    help: ArgumentHelp("Only the runs of this experiment (name or id).", valueName: "name|id"))
  var experiment: String?

  @OptionGroup var server: ServerOptions

  // Unconditional, so that `--limit -1` is read as a value (and refused as one) rather than
  // as an unknown option.
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Show at most N runs (a server loads only the N newest).", valueName: "n"))
  var limit: Int?

  @Flag(help: "Use built-in sample runs instead of SOURCE.")
  var demo = false

  @Option(
    help: ArgumentHelp(
      "The metric columns, in order (default: the 3 reported by the most runs).",
      valueName: "a,b,c"))
  var metrics: String?

  @Flag(help: "Every metric as a column, by how many runs report it, then by name.")
  var allMetrics = false

  @Option(
    help: ArgumentHelp(
      "The value columns, in order: metric names and param:NAME for parameters.",
      discussion: "Metric columns come first, then parameter columns (each in the order given).",
      valueName: "a,param:b,…"))
  var columns: String?

  @Flag(help: "Every parameter as a column after the metrics (CSV headers param:NAME).")
  var params = false

  @Option(
    help: ArgumentHelp(
      "Sort by a column: name, status, duration, experiment, pipeline, created, or a metric.",
      discussion: """
        Add :asc or :desc for a direction; without one the best comes first (a metric by its \
        direction, the newest start time, the longest duration, text A→Z). Use metric:NAME for \
        a metric named like a column. Default: created:desc.
        """,
      valueName: "column[:asc|desc]"))
  var sort: String?

  @Option(
    help: ArgumentHelp(
      "Only runs whose name contains TEXT (any case, accents ignored).", valueName: "text"))
  var filter: String?

  @Option(help: "How to print: aligned text, CSV, JSON, or a Markdown table.")
  var format: FormatOption = .table

  mutating func validate() throws {
    if let limit, limit < 1 {
      throw ValidationError("--limit must be a number of runs, at least 1 (got \(limit))")
    }
    if demo, source != nil { throw ValidationError("--demo takes no SOURCE") }
    if allMetrics, metrics != nil {
      throw ValidationError("use either --metrics or --all-metrics, not both")
    }
    if metrics != nil, metricNames.isEmpty { throw ValidationError("--metrics needs a name") }
    if columns != nil, metrics != nil || allMetrics {
      throw ValidationError("use either --columns or --metrics/--all-metrics, not both")
    }
    if columns != nil, columnNames.isEmpty { throw ValidationError("--columns needs a name") }
    if columns != nil, params {
      throw ValidationError("use either --columns (with param:NAME) or --params, not both")
    }
    if let sort {
      do {
        _ = try SortSpec.parse(sort)
      } catch {
        throw ValidationError(error.description)
      }
    }
  }

  /// `--metrics` split on commas, blanks dropped.
  var metricNames: [String] {
    (metrics ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  /// `--columns` split on commas, blanks dropped.
  var columnNames: [String] {
    (columns ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  /// The `--columns` names that are parameters (`param:NAME`), without the prefix.
  private var columnParameters: [String] {
    columnNames.filter { $0.lowercased().hasPrefix("param:") }.map {
      String($0.dropFirst("param:".count))
    }
  }

  /// The metric column choice the flags ask for.
  var metricChoice: RunListing.MetricChoice {
    if columns != nil {
      // `metric:NAME` may name a metric called like a parameter prefix.
      return .named(
        columnNames.filter { !$0.lowercased().hasPrefix("param:") }.map {
          $0.lowercased().hasPrefix("metric:") ? String($0.dropFirst("metric:".count)) : $0
        })
    }
    if allMetrics { return .all }
    if metrics != nil { return .named(metricNames) }
    return .top(3)
  }

  /// The parameter column choice the flags ask for.
  var parameterChoice: RunListing.ParameterChoice {
    params ? .all : .named(columnParameters)
  }
}

extension SourceOptions {
  /// The server flags among these options.
  var serverFlags: ServerFlags { server.flags(experiment: experiment) }
}
