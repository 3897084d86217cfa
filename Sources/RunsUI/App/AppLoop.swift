import Foundation
import RunsCore

/// The application loop: draws a frame at once, loads in the background, feeds keys, loaded
/// batches and timers to the state, carries out their effects and redraws what changed. It
/// runs on one thread, the only one that touches the backend.
///
/// To add a key, bind it in `KeyMap` and handle its `Action` in `AppState.perform`; a screen
/// goes in `ScreenID` and `Screen.render`; periodic work is a `LoopTimer`.
public struct AppLoop {
  /// Starts a load that reports through the reporter; returns how to cancel it.
  typealias LoadStart = (LoadReporter) -> @Sendable () -> Void

  /// The application, handed back by `run` at the end (tests inspect it).
  public private(set) var state: AppState
  private let backend: any TerminalBackend
  private let startLoad: LoadStart
  private let export: (ExportJob) -> ExportOutcome
  private let clock: () -> Date
  private var timers: [LoopTimer]

  private let inbox = LoadInbox()
  private var generation = 0
  private var loading = false
  private var cancelLoad: (@Sendable () -> Void)?
  /// The source's watch, when it can be watched; started with `--watch` or at the first `w`.
  private let watch: (any RunsWatch)?
  private let updates = WatchInbox()
  private var cancelWatch: (@Sendable () -> Void)?

  /// The largest screen drawn, in cells each way: a bogus size (a stale `COLUMNS=20000`) must
  /// not allocate gigabytes of cells. Larger terminals show this much.
  public static let maximumSide = 1000

  /// How long to wait for a key while loading: batches show up within this time.
  static let loadingPoll = 30
  /// How long to wait for a key when idle. A resize does not interrupt curses' wait, so this
  /// bounds how late the screen follows a new terminal size.
  static let idlePoll = 100
  /// Keys read in one go before a frame is drawn, so a held key never queues up frames.
  static let keysPerFrame = 64

  /// A loop for `state` on `backend`, loading with `load` in the background and writing
  /// exports with `export`; `clock` gives the time (tests pass their own), `timers` the
  /// periodic work, `watch` the source's watch when it can be watched.
  public init(
    state: AppState, backend: any TerminalBackend, load: @escaping Loader,
    export: @escaping (ExportJob) -> ExportOutcome, clock: @escaping () -> Date = Date.init,
    timers: [LoopTimer] = [.clock], watch: (any RunsWatch)? = nil
  ) {
    self.init(
      state: state, backend: backend, startLoad: Self.inBackground(load), export: export,
      clock: clock, timers: timers, watch: watch)
  }

  /// A loop whose loads start with `startLoad` (tests drive them from their script).
  init(
    state: AppState, backend: any TerminalBackend, startLoad: @escaping LoadStart,
    export: @escaping (ExportJob) -> ExportOutcome, clock: @escaping () -> Date,
    timers: [LoopTimer], watch: (any RunsWatch)? = nil
  ) {
    var state = state
    state.options.color = state.options.color && backend.colors
    state.options.asciiGlyphs = state.options.asciiGlyphs || !backend.unicode
    self.state = state
    self.backend = backend
    self.startLoad = startLoad
    self.export = export
    self.clock = clock
    self.timers = timers
    self.watch = watch
  }

  /// Runs `load` as a detached task, so the loop's thread never waits for it.
  static func inBackground(_ load: @escaping Loader) -> LoadStart {
    { reporter in
      let task = Task.detached { reporter.finish(await load(reporter)) }
      return { task.cancel() }
    }
  }

  /// Runs until the person quits; returns the exit status: 0 after `q` or Ctrl-C, 129 when
  /// the terminal went away.
  public mutating func run() -> Int32 {
    defer {
      cancelLoad?()
      cancelWatch?()
    }
    // The first frame comes before any data: the application shows that it is loading.
    var (width, height) = size()
    _ = state.handle(.resize(width: width, height: height))
    var now = clock()
    backend.present(Screen.render(state, width: width, height: height, now: now))
    if state.watch.started, watch != nil { startWatch() } else { reload() }
    var lastFired = Array(repeating: now, count: timers.count)

    while true {
      var dirty = false
      var next = backend.nextKey(timeoutMilliseconds: loading ? Self.loadingPoll : Self.idlePoll)
      // The terminal is gone: end as a hangup signal would have.
      if backend.inputLost { return 128 + 1 }
      var keysRead = 0
      while let key = next {
        if carryOut(apply(key)) { return 0 }
        dirty = true
        keysRead += 1
        next = keysRead < Self.keysPerFrame ? backend.nextKey(timeoutMilliseconds: 0) : nil
      }
      if let message = LoadMessage.merged(inbox.take().filter { $0.generation == generation }) {
        state.receive(
          message.batch, loaded: message.loaded, total: message.total, finished: message.finished)
        if message.finished { loading = false }
        dirty = true
      }
      for update in updates.take() {
        state.apply(update, now: clock())
        dirty = true
      }
      now = clock()
      for index in timers.indices
      where now.timeIntervalSince(lastFired[index]) >= timers[index].interval {
        lastFired[index] = now
        let (effect, redraw) = timers[index].fire(&state, now)
        dirty = dirty || redraw || effect != .none
        if carryOut(effect) { return 0 }
      }
      if dirty {
        (width, height) = size()
        backend.present(Screen.render(state, width: width, height: height, now: now))
      }
    }
  }

  /// Does what `effect` asks; true when the loop must end.
  private mutating func carryOut(_ effect: AppEffect) -> Bool {
    switch effect {
    case .none: break
    case .quit: return true
    case .reload: reload()
    case .startWatching: startWatch()
    case .suspend:
      backend.suspend()
      let (width, height) = size()
      _ = state.handle(.resize(width: width, height: height))
    case .copy(let text): backend.copyToClipboard(text)
    case .export(let job): state.exportFinished(export(job))
    }
    return false
  }

  /// Starts loading. A reload supersedes the load under way at once: its reports are dropped
  /// from here on, and the source stops at its next batch or run folder.
  private mutating func reload() {
    cancelLoad?()
    generation += 1
    loading = true
    cancelLoad = startLoad(LoadReporter(inbox: inbox, generation: generation))
  }

  /// Loads through the watch, so that it knows what it watches, then posts its changes one
  /// cycle at a time. Once: a later `r` is an ordinary load.
  private mutating func startWatch() {
    guard let watch, cancelWatch == nil else { return }
    cancelLoad?()
    generation += 1
    loading = true
    let reporter = LoadReporter(inbox: inbox, generation: generation)
    let updates = updates
    let task = Task.detached {
      reporter.finish(await watch.start())
      while !Task.isCancelled { updates.post(await watch.next()) }
    }
    cancelWatch = { task.cancel() }
  }

  /// The key given to the state, a resize capped at `maximumSide`.
  private mutating func apply(_ key: Key) -> AppEffect {
    if case .resize(let width, let height) = key {
      return state.handle(
        .resize(width: min(width, Self.maximumSide), height: min(height, Self.maximumSide)))
    }
    return state.handle(key)
  }

  private func size() -> (Int, Int) {
    (min(max(backend.width, 0), Self.maximumSide), min(max(backend.height, 0), Self.maximumSide))
  }
}
