import Foundation

/// The real `kfp-runs` binary running in a detached tmux session of a given size, on a tmux
/// server of its own (a unique `-L` socket), so tests never touch anyone else's sessions.
final class TmuxSession {
  /// Why a step of a test could not be done.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  private let socket: String
  /// A folder of this session's own: the program's pid and exit status are written here.
  private let files: URL
  private var pidFile: URL { files.appendingPathComponent("pid") }
  private var statusFile: URL { files.appendingPathComponent("status") }
  private static let target = "e2e"

  /// The tmux socket names of this process's sessions are numbered from here.
  nonisolated(unsafe) private static var counter = 0
  private static let counterLock = NSLock()

  /// Starts `kfp-runs arguments…` in `directory` on a `width`×`height` screen, with a clean
  /// environment (UTF-8 locale, UTC, no KFP variables) plus `environment`. With `inShell`, it
  /// is typed into an interactive bash (job control: Ctrl-Z, `fg`), whose prompt is `$ `.
  /// The signals named in `ignoring` (`USR1`) are ignored when it starts, as `nohup` does.
  init(
    _ arguments: [String], in directory: URL, width: Int = 120, height: Int = 30,
    environment: [String: String] = [:], inShell: Bool = false, ignoring: [String] = []
  ) throws {
    Self.counterLock.lock()
    Self.counter += 1
    socket = "kfp-runs-e2e-\(getpid())-\(Self.counter)"
    Self.counterLock.unlock()

    files = FileManager.default.temporaryDirectory
      .appendingPathComponent("kfp-runs-e2e-tmux-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
    var env = [
      "PATH": "/usr/bin:/bin", "TERM": "screen-256color", "LANG": "C.UTF-8", "TZ": "UTC",
      "HOME": directory.path,
    ]
    // A sanitized build reads its options from here (see scripts/sanitizers.sh): the binary's
    // own AddressSanitizer options win over the test runner's.
    let outer = ProcessInfo.processInfo.environment
    for name in ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "SWIFT_BACKTRACE"] {
      env[name] = outer[name]
    }
    env["ASAN_OPTIONS"] = outer["KFP_RUNS_CHILD_ASAN_OPTIONS"] ?? outer["ASAN_OPTIONS"]
    env.merge(environment) { $1 }
    let assignments = env.sorted { $0.key < $1.key }.map { Self.quote("\($0.key)=\($0.value)") }
    let traps = ignoring.isEmpty ? "" : "trap '' \(ignoring.joined(separator: " ")); "
    let program =
      traps + "echo $$ > \(Self.quote(pidFile.path)); exec env -i "
      + assignments.joined(separator: " ")
      + " " + ([Self.binary.path] + arguments).map(Self.quote).joined(separator: " ")
    // After the program ends the shell records its status and stays, so the terminal state it
    // left behind can still be read (tmux reports no cursor state for a dead pane).
    let command =
      inShell
      ? "cd \(Self.quote(directory.path)) && exec env -i " + assignments.joined(separator: " ")
        + " PS1='$ ' bash --norc --noprofile -i"
      : "cd \(Self.quote(directory.path)) && sh -c \(Self.quote(program)); "
        + "echo $? > \(Self.quote(statusFile.path)); exec sleep 600"
    // No status line, so the program has the whole window.
    try tmux([
      "-f", "/dev/null", "new-session", "-d", "-s", Self.target, "-x", "\(width)", "-y",
      "\(height)", command, ";", "set-option", "-t", Self.target, "status", "off",
    ])
    if inShell {
      try type("sh -c \(Self.quote(program))")
      try send("Enter")
    }
  }

  deinit { close() }

  /// The built binary: SwiftPM puts it in the products folder beside the test runner.
  static var binary: URL {
    if let path = ProcessInfo.processInfo.environment["KFP_RUNS_BINARY"] {
      return URL(fileURLWithPath: path)
    }
    let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var folder = runner.deletingLastPathComponent()
    // On macOS the runner sits inside an .xctest bundle.
    while folder.pathExtension == "xctest" || folder.lastPathComponent == "MacOS"
      || folder.lastPathComponent == "Contents"
    {
      folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("kfp-runs")
  }

  /// Whether tmux is installed.
  static var available: Bool {
    (try? Spawn.run(["tmux", "-V"]).succeeded) ?? false
  }

  /// Types keys: tmux key names (`Enter`, `Escape`, `Up`, `C-c`) or single characters.
  func send(_ keys: String...) throws {
    try tmux(["send-keys", "-t", Self.target] + keys)
  }

  /// Types keys given as a list.
  func send(contentsOf keys: [String]) throws {
    try tmux(["send-keys", "-t", Self.target] + keys)
  }

  /// Types text literally, character by character.
  func type(_ text: String) throws {
    try tmux(["send-keys", "-t", Self.target, "-l", text])
  }

  /// Clicks the left button at column `x`, row `y` (0-based), as the terminal reports it
  /// to a program that asked for mouse events (xterm's X10 encoding, so x and y below 95).
  func click(x: Int, y: Int) throws {
    precondition(x < 95 && y < 95, "X10 mouse encoding reaches column and row 94")
    func report(_ button: Int) -> String {
      "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button)))
        + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y)))
    }
    // Button 1 pressed, then released (button code 3).
    try type(report(0) + report(3))
  }

  /// The screen as text, one line per row.
  func screen() throws -> String {
    try tmux(["capture-pane", "-p", "-t", Self.target])
  }

  /// The screen with its colours and attributes as escape sequences.
  func screenWithStyles() throws -> String {
    try tmux(["capture-pane", "-e", "-p", "-t", Self.target])
  }

  /// Resizes the screen.
  func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", Self.target, "-x", "\(width)", "-y", "\(height)"])
  }

  /// A tmux format value of the pane, e.g. `#{cursor_flag}`.
  func paneValue(_ format: String) throws -> String {
    try tmux(["display-message", "-p", "-t", Self.target, format])
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Waits (polling, at most `timeout` seconds) until `condition` holds for the screen (with
  /// its styles as escape sequences when `styled`); throws with the last screen when it never
  /// does.
  @discardableResult
  func waitUntil(
    _ what: String, timeout: TimeInterval = 10, styled: Bool = false,
    _ condition: (String) -> Bool
  ) async throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var last = ""
    while true {
      last = try styled ? screenWithStyles() : screen()
      if condition(last) { return last }
      if Date() > deadline {
        throw Failure(description: "timed out waiting for \(what); the screen was:\n\(last)")
      }
      try await Task.sleep(nanoseconds: 50_000_000)
    }
  }

  /// Waits until the screen shows `text`.
  @discardableResult
  func waitFor(_ text: String, timeout: TimeInterval = 10) async throws -> String {
    try await waitUntil("\"\(text)\"", timeout: timeout) { $0.contains(text) }
  }

  /// Waits until the pane's `format` (e.g. `#{alternate_on}`) reads `value`.
  func waitForPane(_ format: String, _ value: String, timeout: TimeInterval = 10) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while try paneValue(format) != value {
      if Date() > deadline {
        throw Failure(
          description: "\(format) stayed \(try paneValue(format)), not \(value); the screen was:\n"
            + (try screen()))
      }
      try await Task.sleep(nanoseconds: 50_000_000)
    }
  }

  /// The program's process id.
  func pid() async throws -> Int32 {
    let deadline = Date().addingTimeInterval(10)
    while true {
      if let text = try? String(contentsOf: pidFile, encoding: .utf8),
        let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return pid
      }
      if Date() > deadline { throw Failure(description: "kfp-runs did not start") }
      try await Task.sleep(nanoseconds: 50_000_000)
    }
  }

  /// Waits for the program to end; returns its exit status (128 + N for signal N).
  func waitForExit(timeout: TimeInterval = 10) async throws -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let text = try? String(contentsOf: statusFile, encoding: .utf8),
        let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return status
      }
      if Date() > deadline {
        throw Failure(description: "kfp-runs did not exit; the screen was:\n\(try screen())")
      }
      try await Task.sleep(nanoseconds: 50_000_000)
    }
  }

  /// Ends this session's own tmux server (and the program, if still running).
  func close() {
    let path = try? paneValue("#{socket_path}")
    _ = try? Spawn.run(["tmux", "-L", socket, "kill-server"])
    // tmux leaves its socket file behind.
    if let path, path.contains(socket) { try? FileManager.default.removeItem(atPath: path) }
    try? FileManager.default.removeItem(at: files)
  }

  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    let result = try Spawn.run(["tmux", "-L", socket] + arguments)
    guard result.succeeded else {
      throw Failure(
        description: "tmux \(arguments.prefix(3).joined(separator: " ")) failed: \(result.output)")
    }
    return result.output
  }

  /// Quotes a word for `sh`.
  private static func quote(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
