import CNcursesw

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Gives the terminal back (`endwin`) exactly once, whichever way the process ends: a normal
/// stop, `exit`, a terminating signal or a crash.
enum TerminalRestore {
  /// Signals that end the process by default: restore, then die of the same signal as before.
  /// One the parent set to be ignored (`nohup`, `trap '' USR1`) is left ignored.
  private static let terminating: [Int32] = [
    SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE, SIGXCPU, SIGXFSZ,
    SIGVTALRM, SIGPROF,
  ]
  /// Faults (a Swift trap is SIGILL or SIGTRAP): restore, then let the fault happen again
  /// under the previous handler, so the runtime's crash report still appears.
  private static let faults: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

  // These are touched from signal handlers, where no lock may be taken; a torn read can at
  // worst call `endwin` twice, which ncurses answers with ERR and no harm.
  nonisolated(unsafe) private static var active = false
  nonisolated(unsafe) private static var installed = false
  nonisolated(unsafe) private static var previous: [sigaction] = Array(
    repeating: sigaction(), count: 65)

  /// Marks curses as running and installs the handlers (once per process).
  static func activate() {
    active = true
    guard !installed else { return }
    installed = true
    atexit { TerminalRestore.restore() }
    for number in terminating + faults {
      var current = sigaction()
      if terminating.contains(number), sigaction(number, nil, &current) == 0,
        isIgnored(current)
      {
        continue
      }
      var action = sigaction()
      setHandler(&action) { number in
        TerminalRestore.restore()
        if TerminalRestore.faults.contains(number) {
          // The fault repeats when the handler returns, now under the runtime's handler.
          TerminalRestore.reinstallPrevious(number)
        } else {
          // Not ncurses's own handler (it exits with status 1): die of the signal, so the
          // sender sees the status it expects (143 for SIGTERM).
          signal(number, SIG_DFL)
          raise(number)
        }
      }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      var old = sigaction()
      if sigaction(number, &action, &old) == 0, number < previous.count {
        previous[Int(number)] = old
      }
    }
  }

  /// Lets the handled signals reach the calling thread. A thread started from a task inherits
  /// a mask that blocks nearly every signal, and a fault on a thread that blocks its signal
  /// kills the process at once, without a handler (so without restoring the terminal).
  static func unblockOnThisThread() {
    var set = sigset_t()
    sigemptyset(&set)
    for number in terminating + faults + [SIGTSTP, SIGCONT] { sigaddset(&set, number) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// Stops the process as Ctrl-Z in a shell does, and returns when it continues (`fg`).
  /// Curses must already be ended.
  static func stopProcess() {
    var stop = sigaction()
    setHandler(&stop, nil)
    sigemptyset(&stop.sa_mask)
    var old = sigaction()
    // The default action, not ncurses's handler: that one expects curses still running.
    sigaction(SIGTSTP, &stop, &old)
    raise(SIGTSTP)
    sigaction(SIGTSTP, &old, nil)
  }

  /// Ends curses if it is running; safe to call any number of times.
  static func restore() {
    guard active else { return }
    active = false
    endwin()
  }

  private static func reinstallPrevious(_ signal: Int32) {
    guard signal >= 0, signal < previous.count else { return }
    var old = previous[Int(signal)]
    sigaction(signal, &old, nil)
  }

  /// Whether `action` ignores its signal (`SIG_IGN`).
  private static func isIgnored(_ action: sigaction) -> Bool {
    #if os(Linux)
      let handler = action.__sigaction_handler.sa_handler
    #else
      let handler = action.__sigaction_u.__sa_handler
    #endif
    return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
  }

  private static func setHandler(
    _ action: inout sigaction, _ handler: (@convention(c) (Int32) -> Void)?
  ) {
    #if os(Linux)
      action.__sigaction_handler.sa_handler = handler
    #else
      action.__sigaction_u.__sa_handler = handler
    #endif
  }
}
