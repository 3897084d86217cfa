import RunsUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Terminal {
  /// Puts `text` on the terminal's clipboard with OSC 52 (see `Clipboard`). Terminals without
  /// it ignore the sequence; the status bar shows the text either way.
  public func copyToClipboard(_ text: String) {
    let bytes = Clipboard.sequence(copying: text)
    // Straight to the terminal curses draws on: curses has flushed its own output by now.
    var descriptor = STDOUT_FILENO
    var opened = false
    if isatty(STDOUT_FILENO) == 0 {
      descriptor = open("/dev/tty", O_WRONLY | O_CLOEXEC)
      guard descriptor >= 0 else { return }
      opened = true
    }
    defer { if opened { close(descriptor) } }
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes {
        systemWrite(descriptor, $0.baseAddress, $0.count)
      }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return }
      offset += written
    }
  }
}
