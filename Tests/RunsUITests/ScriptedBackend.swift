import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// A terminal for tests: plays a script of input events and load reports into the real
/// application loop and keeps every grid it is shown, on a clock that moves only when the loop
/// waits. Everything happens on the loop's thread, in script order: no step depends on how
/// fast the machine is.
final class ScriptedBackend: TerminalBackend, @unchecked Sendable {
  /// One step of the script.
  enum Step {
    /// An input event.
    case key(Key)
    /// The terminal takes a new size (the event follows, as curses reports it).
    case resize(width: Int, height: Int)
    /// The latest load reports a batch, as a source does while it reads.
    case report(LoadResult, total: Int?)
    /// The latest load finishes with this result.
    case finish(LoadResult)
    /// Blocks the loop's thread (never the cooperative pool) until the latest load, running
    /// in the background, has finished.
    case awaitLoad
    /// Lets the loop wait (its clock moving by each wait) until a frame drawn after the last
    /// event shows `text`; fails the script after `maximumPolls` waits.
    case waitFor(String)
    /// Runs an action on the loop's thread; it is given this backend.
    case run((ScriptedBackend) -> Void)
  }

  /// How many waits a `waitFor` allows: at the idle poll, 100 s on the loop's clock.
  static let maximumPolls = 1000
  /// The real seconds a `waitFor` allows as well: what another thread delivers (a watch's
  /// first load) may take longer than the loop's manual clock needs under a sanitizer or load.
  /// CI's run under AddressSanitizer once needed more than 60 s.
  static let maximumSeconds = 180.0

  private(set) var width: Int
  private(set) var height: Int
  let colors = false
  let unicode = true
  private(set) var inputLost = false
  /// Every grid presented, oldest first.
  private(set) var frames: [Grid] = []
  /// How often the loop suspended the process.
  private(set) var suspensions = 0
  /// What the loop put on the clipboard, oldest first.
  private(set) var copied: [String] = []
  /// The size the terminal has after a suspension, when it changes meanwhile.
  var sizeAfterSuspend: (width: Int, height: Int)?
  /// What went wrong in the script (a text that never showed).
  private(set) var failures: [String] = []
  /// The reporter of every load the loop started, oldest first.
  private(set) var loads: [LoadReporter] = []
  /// How many loads the loop cancelled.
  private(set) var cancellations = 0
  let clock: ManualClock
  private var steps: [Step]
  private var polls = 0
  /// When the current `waitFor` began, in real time.
  private var waitStarted: Date?
  /// How many frames there were at the last event (input or load report).
  private var framesAtLastEvent = 0

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

  func copyToClipboard(_ text: String) { copied.append(text) }

  /// Starts loads for the loop: each is driven by the script's `report` and `finish` steps.
  func scriptedLoads() -> AppLoop.LoadStart {
    { [unowned self] reporter in
      loads.append(reporter)
      return { [unowned self] in cancellations += 1 }
    }
  }

  /// Starts loads in the background as the application does, noting each reporter so that
  /// `awaitLoad` can wait for it.
  func backgroundLoads(_ load: @escaping Loader) -> AppLoop.LoadStart {
    let start = AppLoop.inBackground(load)
    return { [unowned self] reporter in
      loads.append(reporter)
      return start(reporter)
    }
  }

  /// The next scripted event; when the script is over, the input is lost (the loop ends with
  /// 129, which tells a test that its script did not quit).
  func nextKey(timeoutMilliseconds: Int) -> Key? {
    while let step = steps.first {
      switch step {
      case .key(let key):
        steps.removeFirst()
        framesAtLastEvent = frames.count
        return key
      case .resize(let newWidth, let newHeight):
        steps.removeFirst()
        (width, height) = (newWidth, newHeight)
        framesAtLastEvent = frames.count
        return .resize(width: newWidth, height: newHeight)
      case .report(let batch, let total):
        steps.removeFirst()
        guard let reporter = loads.last else { return fail("no load to report to") }
        reporter.report(batch, total: total)
        framesAtLastEvent = frames.count
      case .finish(let result):
        steps.removeFirst()
        guard let reporter = loads.last else { return fail("no load to finish") }
        reporter.finish(result)
        framesAtLastEvent = frames.count
      case .awaitLoad:
        steps.removeFirst()
        guard let reporter = loads.last else { return fail("no load to wait for") }
        // A safety net only: a load that never ends fails the test instead of hanging it.
        let deadline = Date() + 300
        while !reporter.isFinished, Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
        guard reporter.isFinished else { return fail("the load never finished") }
        framesAtLastEvent = frames.count
      case .run(let action):
        steps.removeFirst()
        action(self)
      case .waitFor(let text):
        if frames.count > framesAtLastEvent, screen.contains(text) {
          steps.removeFirst()
          polls = 0
          waitStarted = nil
          continue
        }
        polls += 1
        let started = waitStarted ?? Date()
        waitStarted = started
        if polls > Self.maximumPolls {
          guard Date().timeIntervalSince(started) < Self.maximumSeconds else {
            return fail("never showed \"\(text)\"; the screen:\n\(screen)")
          }
          Thread.sleep(forTimeInterval: 0.001)
        }
        // The loop's wait passes on its clock; it then draws what came meanwhile.
        clock.advance(Double(max(timeoutMilliseconds, 0)) / 1000)
        return nil
      }
    }
    inputLost = true
    return nil
  }

  /// Notes what went wrong and ends the script (the loop then ends with 129).
  private func fail(_ failure: String) -> Key? {
    failures.append(failure)
    steps.removeAll()
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

/// What the loop was asked to export, and the outcomes to hand back in turn.
final class ExportRecorder: @unchecked Sendable {
  private(set) var jobs: [ExportJob] = []
  private var outcomes: [ExportOutcome]

  init(_ outcomes: [ExportOutcome]) { self.outcomes = outcomes }

  func write(_ job: ExportJob) -> ExportOutcome {
    jobs.append(job)
    return outcomes.isEmpty ? .failed(path: job.path, reason: "unexpected") : outcomes.removeFirst()
  }
}

/// Runs the loop on a thread of its own, as the application does: the loop blocks its thread,
/// and the cooperative pool stays free. Loads come from the script unless `load` is given, then
/// they run in the background as in the application.
func runLoop(
  _ state: AppState, on backend: ScriptedBackend, timers: [LoopTimer] = [.clock],
  export: ExportRecorder = ExportRecorder([]), load: Loader? = nil,
  watch: (any RunsWatch)? = nil
) async -> (status: Int32, state: AppState) {
  await withCheckedContinuation { continuation in
    let clock = backend.clock
    let thread = Thread {
      var loop = AppLoop(
        state: state, backend: backend,
        startLoad: load.map { backend.backgroundLoads($0) } ?? backend.scriptedLoads(),
        export: export.write, clock: { clock.now }, timers: timers, watch: watch)
      let status = loop.run()
      continuation.resume(returning: (status, loop.state))
    }
    thread.start()
  }
}
