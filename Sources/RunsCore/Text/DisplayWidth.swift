/// How many terminal cells text takes: wide East-Asian characters and emoji take two,
/// combining marks and format characters none.
public enum DisplayWidth {
  /// The cells one character (grapheme cluster) takes: 0, 1 or 2.
  public static func of(_ character: Character) -> Int {
    if let ascii = character.asciiValue {
      return ascii >= 0x20 && ascii < 0x7F ? 1 : 0
    }
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    let base = of(first)
    if base == 2 || scalars.count == 1 { return base }
    // An emoji presentation selector, a zero-width-joiner sequence (👩‍💻) or a skin-tone
    // modifier makes a cluster that starts with an emoji one two-cell emoji.
    if first.properties.isEmoji
      && scalars.contains(where: {
        $0.value == 0xFE0F || $0.value == 0x200D || (0x1F3FB...0x1F3FF).contains($0.value)
      })
    {
      return 2
    }
    return base
  }

  /// The cells one scalar takes on its own.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if scalar.properties.isEmojiPresentation { return 2 }
    return isWide(value) ? 2 : 1
  }

  /// The cells a whole string takes.
  public static func of(_ text: String) -> Int {
    // Fast path: printable ASCII takes one cell per byte.
    var count = 0
    for byte in text.utf8 {
      guard byte >= 0x20 && byte < 0x7F else { return slowWidth(text) }
      count += 1
    }
    return count
  }

  private static func slowWidth(_ text: String) -> Int {
    var total = 0
    for character in text { total += of(character) }
    return total
  }

  /// East Asian Wide and Fullwidth ranges (Unicode 15), less what the emoji property covers.
  private static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
      0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
      0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
      0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF, 0x1F200...0x1F2FF,
      0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      true
    default:
      false
    }
  }
}
