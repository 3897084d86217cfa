/// A screen captured with its styles (`tmux capture-pane -e`), read back into text and, for
/// every character, the attributes and colours it is drawn with.
struct StyledScreen {
  /// What one character is drawn with.
  struct Attributes: Equatable {
    var bold = false
    var underline = false
    var reverse = false
    /// A foreground or background colour other than the terminal's default.
    var colored = false
  }

  /// The screen's lines, without styles.
  private(set) var lines: [String] = []
  /// Per line, the attributes of each of its characters.
  private(set) var styles: [[Attributes]] = []
  /// Whether any select-graphic-rendition sequence set a colour (the defaults 39 and 49 do not
  /// count: tmux writes them after every reset).
  private(set) var usesColor = false

  /// The bytes that end a control sequence.
  private static let finalBytes: ClosedRange<Unicode.Scalar> = "@"..."~"

  init(_ capture: String) {
    var current = Attributes()
    var foreground = false
    var background = false
    var characters = Array(capture.unicodeScalars)[...]
    var line = ""
    var lineStyles: [Attributes] = []
    while let scalar = characters.popFirst() {
      if scalar == "\u{1B}", characters.first == "[" {
        characters.removeFirst()
        var parameters = ""
        while let next = characters.popFirst(), !Self.finalBytes.contains(next) {
          parameters.unicodeScalars.append(next)
        }
        // Only `m` sequences reach a capture; anything else would have been rejected above.
        var codes = parameters.split(separator: ";", omittingEmptySubsequences: false)
          .map { Int($0) ?? 0 }[...]
        while let code = codes.popFirst() {
          switch code {
          case 0: (current, foreground, background) = (Attributes(), false, false)
          case 1: current.bold = true
          case 4: current.underline = true
          case 7: current.reverse = true
          case 22: current.bold = false
          case 24: current.underline = false
          case 27: current.reverse = false
          case 30...37, 90...97: foreground = true
          case 40...47, 100...107: background = true
          case 38, 48:
            if code == 38 { foreground = true } else { background = true }
            // 38;5;N or 38;2;R;G;B
            let extra = codes.first == 5 ? 2 : codes.first == 2 ? 4 : 0
            codes = codes.dropFirst(extra)
          case 39: foreground = false
          case 49: background = false
          default: break
          }
          usesColor = usesColor || foreground || background
        }
        current.colored = foreground || background
        continue
      }
      if scalar == "\n" {
        lines.append(line)
        styles.append(lineStyles)
        (line, lineStyles) = ("", [])
        continue
      }
      line.unicodeScalars.append(scalar)
      lineStyles.append(current)
    }
    if !line.isEmpty {
      lines.append(line)
      styles.append(lineStyles)
    }
  }

  /// The screen's text, as `capture-pane` without `-e` gives it.
  var text: String { lines.joined(separator: "\n") }

  /// The attributes of each character of the first occurrence of `text` on the screen.
  func attributes(of text: String) -> [Attributes]? {
    for (line, style) in zip(lines, styles) {
      let scalars = Array(line.unicodeScalars)
      let wanted = Array(text.unicodeScalars)
      guard wanted.count <= scalars.count else { continue }
      for start in 0...(scalars.count - wanted.count)
      where scalars[start..<(start + wanted.count)].elementsEqual(wanted) {
        return Array(style[start..<(start + wanted.count)])
      }
    }
    return nil
  }
}
