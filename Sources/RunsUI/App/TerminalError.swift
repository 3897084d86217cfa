/// Why the full-screen application cannot run on this terminal, said in one sentence.
public struct TerminalError: Error, CustomStringConvertible, Sendable, Hashable {
  /// The sentence shown to the person.
  public let description: String

  /// A reason in the backend's own words.
  public init(description: String) {
    self.description = description
  }

  /// `TERM` is unset or empty.
  public static let termNotSet = TerminalError(
    description: "TERM is not set, so the full-screen view cannot be drawn; "
      + "set TERM (for example TERM=xterm-256color) or use `kfp-runs list`.")

  /// Neither standard input nor output is a terminal, and there is no controlling terminal.
  public static let noTerminal = TerminalError(
    description: "there is no terminal to draw on; use `kfp-runs list` to print the runs.")

  /// `TERM` names a type with no terminfo entry here.
  public static func unknownType(_ name: String) -> TerminalError {
    TerminalError(
      description: "the terminal type \"\(name)\" is unknown here (no terminfo entry); "
        + "set TERM to a known type (for example TERM=xterm-256color) or use `kfp-runs list`.")
  }

  /// `TERM` names a type that cannot move the cursor (`cup`).
  public static func cannotMoveCursor(_ name: String) -> TerminalError {
    TerminalError(
      description: "the terminal type \"\(name)\" cannot move the cursor, so the "
        + "full-screen view cannot be drawn; use `kfp-runs list`, or set TERM to your "
        + "terminal's type (for example TERM=xterm-256color).")
  }
}
