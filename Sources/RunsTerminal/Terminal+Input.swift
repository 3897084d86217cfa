import CNcursesw
import Dispatch
import RunsUI

extension Terminal: TerminalBackend {
  /// Waits up to `timeoutMilliseconds` (negative: forever) for one input event; nil when none
  /// came or the input is one the application has no use for.
  public func nextKey(timeoutMilliseconds: Int) -> Key? {
    wtimeout(kfp_stdscr(), Int32(clamping: timeoutMilliseconds))
    var value: wint_t = 0
    let started = DispatchTime.now().uptimeNanoseconds
    let status = wget_wch(kfp_stdscr(), &value)
    if status == kfp_KEY_CODE_YES() || status == kfp_OK() { lostInput.readSucceeded() }
    if status == kfp_KEY_CODE_YES() { return functionKey(Int32(truncatingIfNeeded: value)) }
    if status == kfp_OK() { return Key(terminalCharacter: UInt32(value)) }
    let waited = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
    lostInput.readFailed(waited: waited, timeout: timeoutMilliseconds)
    return nil
  }

  /// Whether input is gone: many reads in a row failed without waiting (the terminal hung up
  /// and no SIGHUP came, e.g. for a process outside the terminal's session).
  public var inputLost: Bool { lostInput.isLost }

  private func functionKey(_ code: Int32) -> Key? {
    switch code {
    case kfp_KEY_UP(): return .up
    case kfp_KEY_DOWN(): return .down
    case kfp_KEY_LEFT(): return .left
    case kfp_KEY_RIGHT(): return .right
    case kfp_KEY_PPAGE(): return .pageUp
    case kfp_KEY_NPAGE(): return .pageDown
    case kfp_KEY_HOME(): return .home
    case kfp_KEY_END(): return .end
    case kfp_KEY_ENTER(): return .enter
    case kfp_KEY_BACKSPACE(): return .backspace
    case kfp_KEY_DC(): return .delete
    case kfp_KEY_BTAB(): return .backTab
    case kfp_KEY_RESIZE():
      updateSize()
      return .resize(width: width, height: height)
    case kfp_KEY_MOUSE(): return mouseKey()
    default:
      for number in 1...12 where code == kfp_KEY_F(Int32(number)) { return .function(number) }
      return nil
    }
  }

  private func mouseKey() -> Key? {
    var event = MEVENT()
    guard getmouse(&event) == kfp_OK() else { return nil }
    let state = event.bstate
    let kind: MouseEvent.Kind
    if state & (kfp_BUTTON1_PRESSED() | kfp_BUTTON1_CLICKED()) != 0 {
      kind = .leftClick
    } else if state & kfp_BUTTON4_PRESSED() != 0 {
      kind = .wheelUp
    } else if state & kfp_BUTTON5_PRESSED() != 0 {
      kind = .wheelDown
    } else {
      return nil
    }
    return .mouse(MouseEvent(kind: kind, x: Int(event.x), y: Int(event.y)))
  }
}
