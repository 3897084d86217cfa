import ArgumentParser
import Foundation
import RunsCore

/// `kfp-runs browse` (the default): the interactive runs table.
struct BrowseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "browse",
    abstract: "Browse runs interactively (the default command).",
    discussion: """
      The runs table with the top 3 metrics as columns: sort by any column (s, or 1 to 9), \
      filter (/), select runs (space) and compare them (c); ? lists every key. When standard \
      output is not a terminal, prints what `kfp-runs list` prints instead.

      Examples:
        kfp-runs --demo
        kfp-runs runs/
        kfp-runs https://HOST/pipeline --experiment image-classifier
      """
  )

  @OptionGroup var options: SourceOptions
  @OptionGroup var query: WhereOption

  @Option(
    name: .customLong("watch"),
    help: ArgumentHelp(
      "Keep the table current: --watch, or --watch=SECONDS between scans or polls (default: "
        + "file notifications for a directory, 10 s for a server). w toggles it.",
      valueName: "seconds"))
  var watch: WatchInterval?

  mutating func validate() throws {
    if case .seconds(let seconds)? = watch, !(seconds > 0 && seconds <= 86_400) {
      throw ValidationError("--watch takes seconds between 0 and 86400")
    }
  }

  func run() async throws {
    try query.checkSyntax()
    guard isatty(STDOUT_FILENO) == 1, options.format == .table else {
      let loaded = try await RunLoader.load(options)
      try ListPrinter.print(consume loaded, options: options, query: query)
      return
    }
    let status = try await Interactive.run(options, query: query.expression, watch: watch)
    if status != 0 { throw ExitCode(status) }
  }
}

/// `--watch` alone (the default interval) or `--watch=SECONDS`.
enum WatchInterval: ExpressibleByArgument {
  case automatic
  case seconds(Double)

  /// What a bare `--watch` becomes before parsing (the parser wants a value).
  static let bareValue = "auto"

  init?(argument: String) {
    if argument == Self.bareValue {
      self = .automatic
    } else if let seconds = Double(argument) {
      self = .seconds(seconds)
    } else {
      return nil
    }
  }

  /// The seconds given, `nil` for the default.
  var seconds: Double? {
    if case .seconds(let seconds) = self { return seconds }
    return nil
  }

  /// The arguments with a bare `--watch` given its value, so `--watch` needs no `=SECONDS`.
  static func rewrite(_ arguments: [String]) -> [String] {
    arguments.map { $0 == "--watch" ? "--watch=\(bareValue)" : $0 }
  }
}
