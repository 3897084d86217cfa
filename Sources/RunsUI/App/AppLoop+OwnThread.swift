import Foundation
import RunsCore

extension AppLoop {
  /// Runs the application until the person quits; returns the exit status: 0 after `q` or
  /// Ctrl-C, 129 when the terminal went away.
  ///
  /// The loop runs on a thread of its own, the only one that touches the terminal, so no task
  /// of the caller's pool is ever blocked: `open` takes the terminal there (or throws, without
  /// touching it, when the terminal cannot show the application) and `close` gives it back
  /// once the loop ends. `load` runs in the background and reports batches as they arrive;
  /// `r` runs it again. `export` writes what `>` exports.
  public static func runOnOwnThread<Backend: TerminalBackend, Failure: Error>(
    state: AppState, open: @escaping @Sendable () throws(Failure) -> Backend,
    close: @escaping @Sendable (Backend) -> Void, load: @escaping Loader,
    export: @escaping @Sendable (ExportJob) -> ExportOutcome, watch: (any RunsWatch)? = nil
  ) async throws(Failure) -> Int32 {
    let outcome: Result<Int32, Failure> = await withCheckedContinuation { continuation in
      let thread = Thread {
        continuation.resume(
          returning: Result { () throws(Failure) in
            let backend = try open()
            defer { close(backend) }
            var loop = AppLoop(
              state: state, backend: backend, load: load, export: export, watch: watch)
            return loop.run()
          })
      }
      // Linux keeps 15 bytes of a thread's name.
      thread.name = "kfp-runs ui"
      thread.start()
    }
    return try outcome.get()
  }
}
