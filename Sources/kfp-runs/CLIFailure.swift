/// A failure that ends the command with one of the documented exit codes and a sentence.
struct CLIFailure: Error {
  /// Exit status for bad usage.
  static let usageCode: Int32 = 2
  /// Exit status when the source cannot be read at all.
  static let sourceCode: Int32 = 3
  /// Exit status when `check` found errors.
  static let checkCode: Int32 = 1
  /// Exit status when the terminal cannot show the application (`TERM=dumb`, unknown `TERM`,
  /// no terminal): distinct from 1, which says `check` found errors.
  static let terminalCode: Int32 = 4
  /// Exit status when the output could not be written (a full disk, a closed stdout).
  static let outputCode: Int32 = 1

  /// What to print on stderr (after `kfp-runs: `); empty prints nothing.
  var message: String
  /// The process exit status.
  var exitCode: Int32

  /// Bad usage: exit 2.
  static func usage(_ message: String) -> CLIFailure {
    CLIFailure(message: message, exitCode: usageCode)
  }

  /// The source could not be read: exit 3.
  static func source(_ message: String) -> CLIFailure {
    CLIFailure(message: message, exitCode: sourceCode)
  }
}
