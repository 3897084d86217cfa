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
    if status == kfp_KEY_CODE_YES() || status == kfp_OK() { immediateErrors = 0 }
    if status == kfp_KEY_CODE_YES() { return functionKey(Int32(truncatingIfNeeded: value)) }
    if status == kfp_OK() { return Self.characterKey(UInt32(value)) }
    // A terminal that went away fails every read at once instead of waiting for the timeout.
    let waited = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
    immediateErrors =
      timeoutMilliseconds > 0 && waited < timeoutMilliseconds / 4
      ? immediateErrors + 1 : 0
    return nil
  }

  /// Whether input is gone: many reads in a row failed without waiting (the terminal hung up
  /// and no SIGHUP came, e.g. for a process outside the terminal's session).
  public var inputLost: Bool { immediateErrors >= 50 }

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

  /// Maps a character from `get_wch`; control characters become the keys they stand for.
  static func characterKey(_ value: UInt32) -> Key? {
    switch value {
    case 10, 13: return .enter
    case 9: return .tab
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26:
      guard let letter = Unicode.Scalar(value + 0x60) else { return nil }
      return .control(Character(letter))
    case 0..<32, 0x80..<0xA0: return nil
    default:
      guard let scalar = Unicode.Scalar(value) else { return nil }
      return .character(Character(scalar))
    }
  }
}
