import Foundation
import RunsCore
import RunsUI

/// The interactive application: the runs table on the terminal, fed by a background load.
public enum InteractiveApp {
  /// Runs the application until the person quits; returns the exit status: 0 after `q` or
  /// Ctrl-C, 129 when the terminal went away; throws, without touching the terminal, when the
  /// terminal cannot show it. A terminating signal restores the terminal and ends the process.
  ///
  /// `load` runs in the background and reports batches as they arrive; `r` runs it again.
  /// `export` writes what `>` exports. Curses lives on a thread of its own, so no task of the
  /// caller's pool is ever blocked.
  public static func run(
    state: AppState, load: @escaping Loader,
    export: @escaping @Sendable (ExportJob) -> ExportOutcome, watch: (any RunsWatch)? = nil
  ) async throws(TerminalError) -> Int32 {
    let outcome: Result<Int32, TerminalError> = await withCheckedContinuation { continuation in
      let thread = Thread {
        continuation.resume(
          returning: Result { () throws(TerminalError) in
            try runBlocking(state: state, load: load, export: export, watch: watch)
          })
      }
      thread.name = "kfp-runs terminal"
      thread.start()
    }
    return try outcome.get()
  }

  /// The same on the calling thread, which it blocks until the person quits.
  public static func runBlocking(
    state: AppState, load: @escaping Loader, export: @escaping (ExportJob) -> ExportOutcome,
    watch: (any RunsWatch)? = nil
  ) throws(TerminalError) -> Int32 {
    let terminal = try Terminal.start()
    defer { terminal.stop() }
    var loop = AppLoop(
      state: state, backend: terminal, load: load, export: export, watch: watch)
    return loop.run()
  }
}
