import Foundation
import RunsCore
import RunsData
import RunsTerminal
import RunsUI

/// Starts the interactive application; the one place the command line hands over to it.
enum Interactive {
  /// Runs the application on the source the options name; returns its exit status. The first
  /// frame shows at once; the runs load behind it (and again on `r`).
  static func run(
    _ options: SourceOptions, query: String? = nil, watch interval: WatchInterval? = nil
  ) async throws -> Int32 {
    let source = try RunSource(options)
    let insecure = options.server.insecure && source.server != nil
    var state = AppState(
      sourceDescription: SourceText.describe(source.spec), sourceKind: kind(of: source.spec),
      sort: try SortResolver.order(options.sort, scope: []), filter: options.filter ?? "",
      query: query,
      metrics: options.metrics == nil ? nil : options.metricNames,
      experiment: options.experiment, insecure: insecure)
    let watch = try? WatchSource.make(source, interval: interval?.seconds)
    if watch != nil { state.enableWatching(interval != nil) }
    do {
      return try await AppLoop.runOnOwnThread(
        state: state, open: Terminal.start, close: { $0.stop() },
        load: { reporter in
          await source.load { batch, loaded, total in
            reporter.report(batch, loaded: loaded, total: total)
          }
        }, export: ExportWriter.write, watch: watch)
    } catch {
      // Said through the command's own stderr, which cleans it (TERM may hold anything).
      throw CLIFailure(message: error.description, exitCode: CLIFailure.terminalCode)
    }
  }

  private static func kind(of spec: SourceSpec) -> SourceKind {
    switch spec {
    case .directory: .directory
    case .jsonFile: .jsonFile
    case .server: .server
    case .demo: .demo
    }
  }
}
