/// Checks on the raw bytes the binary wrote (see ``BinaryRunner/runRaw(_:in:environment:deadline:)``).
enum HostileRunner {
  /// The first thing in `bytes` that could drive a terminal, described; `nil` when there is none.
  /// Output must be valid UTF-8 (a stray byte ≥ 0x80 may be a C1 control to an 8-bit terminal)
  /// and hold no C0 control but line feed, no DEL, no C1 control and no bidi control.
  static func terminalHazard(in bytes: [UInt8]) -> String? {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return "invalid UTF-8"
    }
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A: continue
      case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let index = text.unicodeScalars.firstIndex(of: scalar)!
        let context = String(text.unicodeScalars[..<index].suffix(60))
        return
          "U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex) after \"\(context)\""
      default: continue
      }
    }
    return nil
  }
}
