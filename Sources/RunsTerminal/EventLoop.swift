import Foundation
import RunsCore
import RunsUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The main loop, independent of the application's state type: draws a frame at once, loads
/// in the background, feeds keys and loaded batches in, redraws what changed. Only this thread
/// touches curses.
struct EventLoop {
  /// What a key asks the loop to do.
  enum Effect {
    case none
    case quit
    case reload
    /// Load through the watch, which then reports changes.
    case startWatch
  }

  /// Gives each input event to the application.
  var handle: (Key) -> Effect
  /// Gives a loaded batch to the application.
  var receive: (_ batch: LoadResult, _ loaded: Int, _ total: Int?, _ finished: Bool) -> Void
  /// Draws the application for a screen size and a moment.
  var render: (_ width: Int, _ height: Int, _ now: Date) -> Grid
  /// The source's watch, if it can be watched; its updates go to `apply`.
  var watch: (any RunsWatch)? = nil
  /// Whether the first load is the watch's (`--watch`); else a key starts it later.
  var watchAtStart = false
  /// Gives a watch cycle's update to the application.
  var apply: (_ update: RunsUpdate, _ now: Date) -> Void = { _, _ in }

  /// How long to wait for a key while loading: batches show up within this time.
  private static let loadingPoll = 30
  /// How long to wait for a key when idle. A resize does not interrupt curses' wait, so this
  /// bounds how late the screen follows a new terminal size.
  private static let idlePoll = 100
  /// How often a frame is drawn with nothing new, so times on screen stay current (seconds).
  private static let clockTick = 1.0
  /// Keys read in one go before a frame is drawn, so a held key never queues up frames.
  private static let keysPerFrame = 64

  /// Runs until a key asks to quit; returns the exit status.
  func run(on terminal: Terminal, load: @escaping Loader) -> Int32 {
    let inbox = LoadInbox()
    var generation = 0
    var loading = true
    var task: Task<Void, Never>?

    func startLoad() {
      task?.cancel()
      generation += 1
      loading = true
      let reporter = LoadReporter(inbox: inbox, generation: generation)
      task = Task.detached {
        let result = await load(reporter)
        reporter.finish(result)
      }
    }
    defer { task?.cancel() }
    let updates = WatchInbox()
    var watchTask: Task<Void, Never>?
    defer { watchTask?.cancel() }

    // The watch's own load, so that it knows what it watches; then its changes, one cycle at a
    // time. Once: a later `r` is an ordinary load.
    func startWatch() {
      guard let watch, watchTask == nil else { return }
      task?.cancel()
      generation += 1
      loading = true
      let reporter = LoadReporter(inbox: inbox, generation: generation)
      watchTask = Task.detached {
        reporter.finish(await watch.start())
        while !Task.isCancelled { updates.post(await watch.next()) }
      }
    }

    // The first frame comes before any data: the application shows that it is loading.
    _ = handle(.resize(width: terminal.width, height: terminal.height))
    terminal.present(render(terminal.width, terminal.height, Date()))
    if watchAtStart, watch != nil { startWatch() } else { startLoad() }
    var lastFrame = Date()

    while true {
      var dirty = false
      var next = terminal.readKey(timeoutMilliseconds: loading ? Self.loadingPoll : Self.idlePoll)
      // The terminal is gone: end as a hangup signal would have.
      if terminal.inputLost { return 128 + SIGHUP }
      var keysRead = 0
      while let key = next {
        switch handle(key) {
        case .quit: return 0
        case .reload: startLoad()
        case .startWatch: startWatch()
        case .none: break
        }
        dirty = true
        keysRead += 1
        next = keysRead < Self.keysPerFrame ? terminal.readKey(timeoutMilliseconds: 0) : nil
      }
      if let message = LoadMessage.merged(inbox.take().filter { $0.generation == generation }) {
        receive(message.batch, message.loaded, message.total, message.finished)
        if message.finished { loading = false }
        dirty = true
      }
      for update in updates.take() {
        apply(update, Date())
        dirty = true
      }
      let now = Date()
      if dirty || now.timeIntervalSince(lastFrame) >= Self.clockTick {
        terminal.present(render(terminal.width, terminal.height, now))
        lastFrame = now
      }
    }
  }
}
