/// The two metric-name patterns of KFP, checked byte by byte (no regular expressions: this runs
/// once per entry of every file loaded).
public enum MetricName {
  /// What the KFP API server accepts.
  public static let acceptedPattern = "^[a-zA-Z]([-_a-zA-Z0-9]{0,62}[a-zA-Z0-9])?$"
  /// What the KFP documentation asks for.
  public static let documentedPattern = "^[a-z]([-a-z0-9]{0,62}[a-z0-9])?$"
  /// The longest name either pattern allows.
  public static let maximumLength = 64

  /// Why `name` does not match ``acceptedPattern`` (a short clause), or `nil` when it does.
  public static func rejection(_ name: String) -> String? {
    let bytes = name.utf8
    guard let first = bytes.first, let last = bytes.last else { return "it is empty" }
    // One pass over the bytes; only a bad name pays for finding the character to quote.
    if !bytes.allSatisfy(isAllowed) {
      let bad = name.unicodeScalars.first { !$0.isASCII || !isAllowed(UInt8($0.value)) } ?? " "
      return "it contains \(JSONText.quoted(String(bad)))"
    }
    // Every byte is ASCII from here on, so bytes are characters.
    if !isLetter(first) { return "it must start with a letter" }
    if bytes.count > maximumLength {
      return "it is \(bytes.count) characters long, more than \(maximumLength)"
    }
    if !isLetter(last) && !isDigit(last) { return "it must end with a letter or a digit" }
    return nil
  }

  /// Whether an accepted name also matches ``documentedPattern``: no uppercase letters and no
  /// underscores.
  public static func isDocumented(_ name: String) -> Bool {
    !name.utf8.contains { isUpper($0) || $0 == UInt8(ascii: "_") }
  }

  private static func isAllowed(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) &- UInt8(ascii: "a") < 26
  }

  private static func isUpper(_ byte: UInt8) -> Bool {
    byte &- UInt8(ascii: "A") < 26
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte &- UInt8(ascii: "0") < 10
  }
}
