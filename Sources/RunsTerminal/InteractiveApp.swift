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
  /// Curses lives on a thread of its own, so no task of the caller's pool is ever blocked.
  public static func run(
    state: AppState, load: @escaping Loader, watch: (any RunsWatch)? = nil
  ) async throws(TerminalError) -> Int32 {
    let outcome: Result<Int32, TerminalError> = await withCheckedContinuation { continuation in
      let thread = Thread {
        continuation.resume(
          returning: Result { () throws(TerminalError) in
            try runBlocking(state: state, load: load, watch: watch)
          })
      }
      thread.name = "kfp-runs terminal"
      thread.start()
    }
    return try outcome.get()
  }

  /// The same on the calling thread, which it blocks until the person quits.
  public static func runBlocking(
    state initial: AppState, load: @escaping Loader, watch: (any RunsWatch)? = nil
  ) throws(TerminalError) -> Int32 {
    let terminal = try Terminal.start()
    defer { terminal.stop() }
    var state = initial
    state.options.color = state.options.color && terminal.colors
    state.options.asciiGlyphs = state.options.asciiGlyphs || !terminal.unicode
    let loop = EventLoop(
      handle: { key in
        // Ctrl-C quits from every screen, typing a filter included.
        if key == .control("c") { return .quit }
        // Ctrl-Z suspends, as it does in the shell (raw mode turned it into a key).
        if key == .control("z") {
          terminal.suspend()
          return state.handle(.resize(width: terminal.width, height: terminal.height)).loopEffect
        }
        switch state.handle(key) {
        case .copy(let text):
          terminal.copyToClipboard(text)
          return .none
        case .export(let job):
          state.exportFinished(ExportWriter.write(job))
          return .none
        case let effect:
          return effect.loopEffect
        }
      },
      receive: { batch, loaded, total, finished in
        state.receive(batch, loaded: loaded, total: total, finished: finished)
      },
      render: { width, height, now in
        Screen.render(state, width: width, height: height, now: now)
      },
      watch: watch,
      watchAtStart: initial.watch.started,
      apply: { update, now in state.apply(update, now: now) })
    return loop.run(on: terminal, load: load)
  }
}

extension AppEffect {
  /// What the main loop does for the effect.
  fileprivate var loopEffect: EventLoop.Effect {
    switch self {
    case .none: .none
    case .quit: .quit
    case .reload: .reload
    case .startWatching: .startWatch
    // Carried out where the state is at hand (see `runBlocking`).
    case .copy, .export: .none
    }
  }
}
