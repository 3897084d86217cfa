import Foundation

/// The width of the terminal standard output is, when it is one.
enum TerminalWidth {
  /// The columns of the terminal on standard output; `nil` when output goes to a file or a
  /// pipe (which gets full-width lines). `COLUMNS` stands in when the terminal does not say.
  static func ofStandardOutput() -> Int? {
    guard isatty(STDOUT_FILENO) == 1 else { return nil }
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init),
      columns > 0
    {
      return columns
    }
    return nil
  }
}
