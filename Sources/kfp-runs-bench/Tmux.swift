#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A private tmux server for one benchmark: windows of a 160×40 session named `bench`.
struct Tmux {
  /// The server's socket name (`tmux -L`).
  let socket: String

  static var isAvailable: Bool {
    ChildProcess.run(["tmux", "-V"])?.status == 0
  }

  /// Starts the server with its 160×40 session; windows stay when their program exits.
  func start() throws {
    try run(["-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", "160", "-y", "40"])
    try run(["set-option", "-g", "remain-on-exit", "on"])
  }

  /// Ends the server and every program in it.
  func stop() {
    _ = ChildProcess.run(["tmux", "-L", socket, "kill-server"])
  }

  /// Runs a tmux command on this server.
  func run(_ arguments: [String]) throws {
    guard let outcome = ChildProcess.run(["tmux", "-L", socket] + arguments), outcome.status == 0
    else {
      throw BenchFailure(description: "tmux failed: \(arguments.joined(separator: " "))")
    }
  }

  /// The text of `window` now.
  func capture(_ window: String) -> String? {
    ChildProcess.output(["tmux", "-L", socket, "capture-pane", "-p", "-t", "bench:" + window])
  }

  /// `text` as one shell word.
  static func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
