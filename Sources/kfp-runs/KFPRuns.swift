import ArgumentParser
import Foundation
import RunsData

/// The `kfp-runs` command: the runs table of Kubeflow Pipelines in the terminal.
@main
struct KFPRuns: AsyncParsableCommand {
  /// What `--version` prints.
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "kfp-runs",
    abstract: "Browse Kubeflow Pipelines runs and their metrics in the terminal.",
    usage: """
      kfp-runs [browse] [<source>] [<options>]
      kfp-runs list [<source>] [<options>]
      kfp-runs compare [<source>] [--runs <r1,r2,…>] [<options>]
      kfp-runs plot [<source>] [--x <name>] [--y <name>] [<options>]
      kfp-runs check [<path> ...]
      kfp-runs watch [<source>] [--until-done] [--format text|jsonl]
      """,
    discussion: """
      SOURCE is a directory of runs (one folder per run holding mlpipeline-metrics.json files \
      and an optional run.json), a saved JSON file of KFP runs, or a KFP API URL such as \
      http://localhost:8888 or https://HOST/pipeline. Without SOURCE: $KF_PIPELINES_ENDPOINT \
      when set, else the current directory. --demo shows built-in sample runs.

      Exit codes: 0 success, 1 check found errors or the output could not be written, 2 bad \
      usage, 3 the source could not be read, 4 the terminal cannot show the application \
      (`kfp-runs list` works there).

      Examples:
        kfp-runs --demo
        kfp-runs list --demo --sort accuracy-score
        kfp-runs compare --demo --sort accuracy-score --limit 3
      """,
    version: KFPRuns.version,
    subcommands: [
      BrowseCommand.self, ListCommand.self, CompareCommand.self, PlotCommand.self,
      CheckCommand.self, WatchCommand.self,
    ],
    defaultSubcommand: BrowseCommand.self
  )

  /// Runs the command and exits with the documented codes (ArgumentParser's usage code 64 is 2).
  static func main() async {
    StandardStream.occupyClosedDescriptors()
    do {
      var command = try parseAsRoot(
        WatchInterval.rewrite(Array(ProgramArguments.all.dropFirst())))
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
      await SharedHTTPClient.shutdown()
    } catch let failure as CLIFailure {
      await SharedHTTPClient.shutdown()
      if !failure.message.isEmpty { Diagnostic.error(failure.message) }
      Foundation.exit(failure.exitCode)
    } catch {
      await SharedHTTPClient.shutdown()
      let code = exitCode(for: error)
      let text = fullMessage(for: error)
      if code == .success {
        if !text.isEmpty { StandardOutput.write(text + "\n") }
        Foundation.exit(0)
      }
      if !text.isEmpty { StandardError.write(Diagnostic.restyled(parserMessage: text) + "\n") }
      Foundation.exit(code == .validationFailure ? CLIFailure.usageCode : code.rawValue)
    }
  }
}
