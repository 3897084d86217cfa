import ArgumentParser
import Foundation
import RunsCore

/// `kfp-runs browse` (the default): the interactive runs table.
struct BrowseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "browse",
    abstract: "Browse runs interactively (the default command).",
    discussion: """
      The runs table with the top 3 metrics as columns: sort by any column (s, or 1–9), \
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

  func run() async throws {
    try query.checkSyntax()
    guard isatty(STDOUT_FILENO) == 1, options.format == .table else {
      let loaded = try await RunLoader.load(options)
      try ListPrinter.print(consume loaded, options: options, query: query)
      return
    }
    let status = try await Interactive.run(options, query: query.expression)
    if status != 0 { throw ExitCode(status) }
  }
}
