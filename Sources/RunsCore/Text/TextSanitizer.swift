/// Makes text from runs safe to draw: nothing in it can move the cursor, change colours or
/// reorder what follows (SPEC §8, safety).
public enum TextSanitizer {
  /// Replaces tab, line feed and carriage return (a CR LF pair counts once) and the line and
  /// paragraph separators with a space, and every other C0 control, DEL, C1 control (ESC
  /// included) and bidirectional control with U+FFFD. Everything else is kept.
  public static func clean(_ text: String) -> String {
    // Fast path: printable ASCII needs no work and no copy.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
    var scalars = String.UnicodeScalarView()
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      let value = scalar.value
      defer { previousWasCR = value == 0x0D }
      if value == 0x0A && previousWasCR { continue }
      switch action(for: value) {
      case .keep: scalars.append(scalar)
      case .space: scalars.append(" ")
      case .replace: scalars.append("\u{FFFD}")
      }
    }
    return String(scalars)
  }

  private enum Action {
    case keep, space, replace
  }

  private static func action(for value: UInt32) -> Action {
    switch value {
    case 0x09, 0x0A, 0x0D, 0x2028, 0x2029: .space
    case 0x00..<0x20, 0x7F...0x9F: .replace
    // Bidi embeddings, overrides and isolates, and the implicit direction marks: they
    // could make a run name display as something it is not.
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: .replace
    default: .keep
    }
  }
}
