import RunsCore

/// A piece of text with its style, for lines built before they are drawn.
struct Segment: Sendable, Hashable {
  var text: String
  var style: Style
  /// Where space is short (the status bar), lower priorities are dropped first.
  var priority: Int

  init(_ text: String, _ style: Style = .plain, priority: Int = 1) {
    self.text = text
    self.style = style
    self.priority = priority
  }
}

extension Grid {
  /// Writes text that may come from a run: cleaned of control characters, cut with `…` to
  /// `width` cells and padded to exactly `width` (right-aligned when asked).
  mutating func write(
    _ text: String, x: Int, y: Int, width: Int, style: Style = .plain, alignRight: Bool = false
  ) {
    guard width > 0 else { return }
    let padded = TextLayout.pad(TextSanitizer.clean(text), width: width, alignRight: alignRight)
    put(padded, x: x, y: y, style: style, maxWidth: width)
  }

  /// Fills `count` cells of row `y` from `x` with spaces in `style`.
  mutating func fill(x: Int, y: Int, count: Int, style: Style) {
    guard count > 0 else { return }
    put(String(repeating: " ", count: count), x: x, y: y, style: style, maxWidth: count)
  }

  /// Writes segments one after another from `x`, clipped at `x + width`; returns the cells used.
  @discardableResult
  mutating func write(_ segments: [Segment], x: Int, y: Int, width: Int) -> Int {
    var column = x
    for segment in segments {
      let room = x + width - column
      guard room > 0 else { break }
      let text = TextLayout.fit(TextSanitizer.clean(segment.text), width: room)
      column += put(text, x: column, y: y, style: segment.style, maxWidth: room)
    }
    return column - x
  }
}

/// Greedy word wrapping of a message to a width (long words are cut).
enum Wrap {
  static func lines(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var current = ""
    for word in TextSanitizer.clean(text).split(separator: " ", omittingEmptySubsequences: true) {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if DisplayWidth.of(candidate) <= width {
        current = candidate
      } else {
        if !current.isEmpty { lines.append(current) }
        current = TextLayout.fit(String(word), width: width)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}
