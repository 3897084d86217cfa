import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Every signal that ends a process by default gives the terminal back first; a signal the
/// parent ignores (`nohup`, `trap '' USR1`) stays ignored.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux"))
struct SignalTests {
  /// Alternate screen, cursor shown, mouse reporting, keypad mode: 1 or 0 each.
  private static let terminalState =
    "#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{keypad_flag}"

  @Test(arguments: [
    SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGHUP, SIGTERM,
  ])
  func aTerminatingSignalRestoresTheTerminal(signal: Int32) async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root)
    defer { session.close() }
    try await session.waitFor("run-alpha")
    #expect(try session.paneValue(Self.terminalState) == "1 0 1 1")
    #expect(kill(try await session.pid(), signal) == 0)
    // Ended by the same signal, as the sender expects.
    #expect(try await session.waitForExit() == 128 + signal)
    #expect(try session.paneValue(Self.terminalState) == "0 1 0 0")
  }

  @Test func signalsTheParentIgnoresStayIgnored() async throws {
    let tree = try RunTree(RunTree.standard)
    defer { tree.remove() }
    let session = try TmuxSession([tree.root.path], in: tree.root, ignoring: ["HUP", "USR1"])
    defer { session.close() }
    try await session.waitFor("run-alpha")
    let pid = try await session.pid()
    #expect(kill(pid, SIGHUP) == 0)
    #expect(kill(pid, SIGUSR1) == 0)
    // Still running and drawing: a key still works.
    try session.send("?")
    try await session.waitFor("this help")
    #expect(kill(pid, 0) == 0)
    try session.send("Escape", "q")
    #expect(try await session.waitForExit() == 0)
    #expect(try session.paneValue(Self.terminalState) == "0 1 0 0")
  }
}
