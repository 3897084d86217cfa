import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// A terminal for tests: plays a script of input events into the real application loop and
/// keeps every grid it is shown, on a clock that moves only when the loop waits.
final class ScriptedBackend: TerminalBackend, @unchecked Sendable {
  /// One step of the script.
  enum Step {
    /// An input event.
    case key(Key)
    /// The terminal takes a new size (the event follows, as curses reports it).
    case resize(width: Int, height: Int)
    /// Waits (in real time, up to ten seconds) until a frame drawn after the last input event
    /// shows `text`.
    case waitFor(String)
    /// Runs an action, e.g. lets a load go on.
    case run(@Sendable () -> Void)
  }

  private(set) var width: Int
  private(set) var height: Int
  let colors = false
  let unicode = true
  private(set) var inputLost = false
  /// Every grid presented, oldest first.
  private(set) var frames: [Grid] = []
  /// How often the loop suspended the process.
  private(set) var suspensions = 0
  /// The size the terminal has after a suspension, when it changes meanwhile.
  var sizeAfterSuspend: (width: Int, height: Int)?
  /// What went wrong in the script (a text that never showed).
  private(set) var failures: [String] = []
  let clock: ManualClock
  private var steps: [Step]
  private var waitStarted: Date?
  /// How many frames there were when the last input event was handed out.
  private var framesAtLastInput = 0

  init(width: Int = 100, height: Int = 20, clock: ManualClock = ManualClock(), _ steps: [Step]) {
    self.width = width
    self.height = height
    self.clock = clock
    self.steps = steps
  }

  /// The last frame as text, one line per row.
  var screen: String { frames.last.map { $0.lines.joined(separator: "\n") } ?? "" }

  func present(_ grid: Grid) { frames.append(grid) }

  func suspend() {
    suspensions += 1
    if let size = sizeAfterSuspend { (width, height) = size }
  }

  /// The next scripted event; when the script is over, the input is lost (the loop ends with
  /// 129, which tells a test that its script did not quit).
  func nextKey(timeoutMilliseconds: Int) -> Key? {
    while let step = steps.first {
      switch step {
      case .key(let key):
        steps.removeFirst()
        framesAtLastInput = frames.count
        return key
      case .resize(let newWidth, let newHeight):
        steps.removeFirst()
        (width, height) = (newWidth, newHeight)
        framesAtLastInput = frames.count
        return .resize(width: newWidth, height: newHeight)
      case .run(let action):
        steps.removeFirst()
        action()
      case .waitFor(let text):
        if frames.count > framesAtLastInput, screen.contains(text) {
          steps.removeFirst()
          waitStarted = nil
          continue
        }
        let started = waitStarted ?? Date()
        waitStarted = started
        if Date().timeIntervalSince(started) > 10 {
          failures.append("never showed \"\(text)\"; the screen:\n\(screen)")
          steps.removeAll()
          break
        }
        // Let the loading task run, and the loop's clock move as if the wait had passed.
        Thread.sleep(forTimeInterval: 0.001)
        clock.advance(Double(max(timeoutMilliseconds, 0)) / 1000)
        return nil
      }
    }
    inputLost = true
    return nil
  }
}

/// A clock that moves only when told to.
final class ManualClock: @unchecked Sendable {
  private let lock = NSLock()
  private var current = Date(timeIntervalSince1970: 1_768_046_400)

  var now: Date {
    lock.lock()
    defer { lock.unlock() }
    return current
  }

  func advance(_ seconds: TimeInterval) {
    lock.lock()
    current += seconds
    lock.unlock()
  }
}

/// A load the test lets go on step by step: each `open()` lets one more batch through.
final class Gate: @unchecked Sendable {
  private let lock = NSLock()
  private var opened = 0
  private var started = 0
  private var cancelled = 0

  /// Lets one more waiter through.
  func open() {
    lock.lock()
    opened += 1
    lock.unlock()
  }

  private var openings: Int {
    lock.lock()
    defer { lock.unlock() }
    return opened
  }

  /// How many loads started, and how many of them saw their cancellation.
  var counts: (started: Int, cancelled: Int) {
    lock.lock()
    defer { lock.unlock() }
    return (started, cancelled)
  }

  func noteStart() {
    lock.lock()
    started += 1
    lock.unlock()
  }

  func noteCancelled() {
    lock.lock()
    cancelled += 1
    lock.unlock()
  }

  /// Waits until `open()` was called `count` times in all; false when the task was cancelled.
  func wait(untilOpened count: Int) async -> Bool {
    while true {
      if Task.isCancelled { return false }
      if openings >= count { return true }
      try? await Task.sleep(nanoseconds: 1_000_000)
    }
  }
}

/// Runs the loop on a thread of its own, as the application does: the loop blocks its thread,
/// and the cooperative pool must stay free for the loading task.
func runLoop(
  _ state: AppState, on backend: ScriptedBackend, timers: [LoopTimer] = [.clock],
  load: @escaping Loader
) async -> (status: Int32, state: AppState) {
  await withCheckedContinuation { continuation in
    let clock = backend.clock
    let thread = Thread {
      var loop = AppLoop(
        state: state, backend: backend, load: load, clock: { clock.now }, timers: timers)
      let status = loop.run()
      continuation.resume(returning: (status, loop.state))
    }
    thread.start()
  }
}
