import Foundation
import RunsCore

/// The terminal clipboard: OSC 52, which xterm, kitty, iTerm2, WezTerm, Windows Terminal and
/// tmux (`set-clipboard on`) take as "put this text on the clipboard", also over SSH.
public enum Clipboard {
  /// `ESC ] 52 ; c ; BASE64 BEL`. The text is cleaned of control characters and then base64
  /// encoded, so nothing but our own bytes and the base64 alphabet ever reaches the terminal.
  public static func sequence(copying text: String) -> [UInt8] {
    let payload = Data(TextSanitizer.clean(text).utf8).base64EncodedString()
    return Array("\u{1B}]52;c;\(payload)\u{07}".utf8)
  }
}
