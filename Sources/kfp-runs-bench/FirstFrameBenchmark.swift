import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Time to the first screen content of the application in a 160×40 tmux window, against an
/// `echo` started the same way; then whether a key is answered while loading continues.
///
/// Both are timed from just before `tmux new-window` until `capture-pane` first shows the
/// content, so the cost of tmux itself and of polling it is in both and cancels in the
/// difference.
struct FirstFrameBenchmark {
  struct Result {
    var runs: Int
    var rounds: Int
    /// Median milliseconds to the application's first content.
    var appMilliseconds: Double
    /// Median milliseconds to the `echo` output.
    var echoMilliseconds: Double
    /// Median milliseconds from a key press (`?`) to the help screen, while loading.
    var keyMilliseconds: Double?
    /// In how many rounds the key was answered while the status bar still showed loading.
    var keysWhileLoading: Int
    /// Seconds from start until the status bar no longer shows loading (first round only);
    /// `nil` when it still did after `loadLimit` seconds.
    var loadSeconds: Double?
    var loadLimit: Double
    /// Seconds `kfp-runs list` takes on the same tree (one run, after the rounds).
    var listSeconds: Double?
    /// First frame beyond the `echo`.
    var beyondEcho: Double { appMilliseconds - echoMilliseconds }
  }

  let binary: String
  let tree: String
  let runs: Int
  let rounds: Int
  /// How long to wait for loading to finish.
  let loadLimit: Double
  /// A private tmux server for this process.
  private var tmux: Tmux { Tmux(socket: "kfp-runs-bench-\(getpid())-\(runs)") }

  init(binary: String, tree: String, runs: Int, rounds: Int, loadLimit: Double) {
    self.binary = binary
    self.tree = tree
    self.runs = runs
    self.rounds = rounds
    self.loadLimit = loadLimit
  }

  static var isAvailable: Bool { Tmux.isAvailable }

  func run() throws -> Result {
    try tmux.start()
    defer { tmux.stop() }
    // One untimed start of each, so both find their binaries in the page cache.
    _ = try timeToContent(command: Self.echoCommand, window: "warm-echo") { $0.contains("ready") }
    _ = try timeToContent(command: appCommand, window: "warm-app") { hasContent($0) }
    var app: [Double] = []
    var echo: [Double] = []
    var keys: [Double] = []
    var keysWhileLoading = 0
    var loadSeconds: Double?
    for round in 0..<rounds {
      let window = "round\(round)"
      echo.append(
        try timeToContent(command: Self.echoCommand, window: window + "e") { $0.contains("ready") })
      let start = Stopwatch.now()
      app.append(
        try timeToContent(command: appCommand, window: window, keepOpen: true) {
          hasContent($0)
        })
      if let key = try keyWhileLoading(window: window) {
        keys.append(key.milliseconds)
        if key.whileLoading { keysWhileLoading += 1 }
      }
      if round == 0 { loadSeconds = waitForLoad(window: window, start: start) }
      try tmux.run(["kill-window", "-t", "bench:" + window])
    }
    return Result(
      runs: runs, rounds: rounds, appMilliseconds: median(app),
      echoMilliseconds: median(echo), keyMilliseconds: keys.isEmpty ? nil : median(keys),
      keysWhileLoading: keysWhileLoading, loadSeconds: loadSeconds, loadLimit: loadLimit,
      listSeconds: ChildProcess.run([binary, "list", tree]).map(\.seconds))
  }

  /// The baseline; it stays alive like the application, since tmux may drop the output of a
  /// pane whose process has already exited.
  private static let echoCommand = "echo ready; exec sleep 60"

  /// A line of the help screen (the status bar's hint says only "? help").
  private static let helpText = "this help"

  private var appCommand: String {
    "exec " + [binary, tree].map(Tmux.shellQuoted).joined(separator: " ")
  }

  /// Opens a window running `command` and polls it until `done` holds for its text.
  private func timeToContent(
    command: String, window: String, keepOpen: Bool = false, done: (String) -> Bool
  ) throws -> Double {
    let start = Stopwatch.now()
    try tmux.run(["new-window", "-d", "-n", window, "-t", "bench", command])
    var milliseconds = Double.nan
    let deadline = start + 20_000_000_000
    while Stopwatch.now() < deadline {
      if let text = capture(window), done(text) {
        if text.contains("Pane is dead") {
          throw BenchFailure(description: "this exited at once: \(command)\n\(text)")
        }
        milliseconds = Double(Stopwatch.now() - start) / 1e6
        break
      }
    }
    if !keepOpen { try tmux.run(["kill-window", "-t", "bench:" + window]) }
    guard milliseconds.isFinite else {
      throw BenchFailure(description: "no screen content within 20 s from: \(command)")
    }
    return milliseconds
  }

  /// Presses `?` and waits for the help screen; `nil` when it never shows.
  private func keyWhileLoading(window: String) throws -> (milliseconds: Double, whileLoading: Bool)?
  {
    guard let before = capture(window) else { return nil }
    let start = Stopwatch.now()
    try tmux.run(["send-keys", "-t", "bench:" + window, "?"])
    let deadline = start + 10_000_000_000
    while Stopwatch.now() < deadline {
      if let text = capture(window), text != before, text.contains(Self.helpText) {
        return (Double(Stopwatch.now() - start) / 1e6, Self.showsLoading(text))
      }
    }
    return nil
  }

  /// Seconds from `start` until the status bar stops saying "loading", `nil` past the limit.
  private func waitForLoad(window: String, start: UInt64) -> Double? {
    let deadline = start + UInt64(loadLimit * 1e9)
    while Stopwatch.now() < deadline {
      if let text = capture(window), !Self.showsLoading(text) {
        return Double(Stopwatch.now() - start) / 1e9
      }
      Stopwatch.sleep(0.05)
    }
    return nil
  }

  /// Whether the status bar (on every screen) shows loading progress: "loading… N loaded", or
  /// "loaded N of TOTAL" when the source knows its total.
  static func showsLoading(_ text: String) -> Bool {
    text.contains("loading…") || text.contains(/loaded \d+ of \d+/)
  }

  private func hasContent(_ text: String) -> Bool {
    text.contains { !$0.isWhitespace }
  }

  private func capture(_ window: String) -> String? { tmux.capture(window) }
}
