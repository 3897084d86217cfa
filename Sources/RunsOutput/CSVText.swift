import RunsCore

/// RFC 4180 quoting: a field holding a comma, a double quote or a line break is wrapped in double
/// quotes with its double quotes doubled. Lines end with `\n`.
///
/// Formula injection (OWASP's "CSV Injection"): run names come from other people on a shared
/// KFP, and a spreadsheet runs a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage
/// return before one) as a formula. Such a cell is written quoted with a `'` in front, unless
/// it is a plain decimal number (`-0.5`), which a spreadsheet reads as the number it is.
public enum CSVText {
  /// One field, quoted when it must be.
  public static func field(_ text: String) -> String {
    var bytes: [UInt8] = []
    append(field: text, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends one field, quoted when it must be, as UTF-8.
  public static func append(field text: String, to bytes: inout [UInt8]) {
    var text = text
    text.withUTF8 { utf8 in
      let formula = isFormula(utf8)
      // Bytes, not characters: all four are ASCII, and this runs for every cell of a large list.
      let needsQuotes =
        formula || utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
      guard needsQuotes else {
        bytes.append(contentsOf: utf8)
        return
      }
      bytes.append(0x22)
      if formula { bytes.append(UInt8(ascii: "'")) }
      for byte in utf8 {
        if byte == 0x22 { bytes.append(0x22) }
        bytes.append(byte)
      }
      bytes.append(0x22)
    }
  }

  /// Whether a spreadsheet would take the cell for a formula: its first byte starts one and it
  /// is not a plain decimal number.
  private static func isFormula(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = utf8.first else { return false }
    switch first {
    case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
    case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isDecimalNumber(utf8.dropFirst())
    default: return false
    }
  }

  /// `digits[.digits][e[+-]digits]` or `.digits[…]`: what a spreadsheet reads as a number.
  private static func isDecimalNumber(_ utf8: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    var index = utf8.startIndex
    func digits() -> Int {
      let start = index
      while index < utf8.endIndex, (0x30...0x39).contains(utf8[index]) { index += 1 }
      return index - start
    }
    var mantissa = digits()
    if index < utf8.endIndex, utf8[index] == UInt8(ascii: ".") {
      index += 1
      mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if index < utf8.endIndex, utf8[index] | 0x20 == UInt8(ascii: "e") {
      index += 1
      if index < utf8.endIndex, utf8[index] == UInt8(ascii: "+") || utf8[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard digits() > 0 else { return false }
    }
    return index == utf8.endIndex
  }

  /// Appends one record as UTF-8: the fields quoted as needed, joined by commas, then a newline.
  public static func append(record fields: [String], to bytes: inout [UInt8]) {
    for (index, text) in fields.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      append(field: text, to: &bytes)
    }
    bytes.append(UInt8(ascii: "\n"))
  }

  /// One record: the fields quoted as needed, joined by commas, ending with a newline.
  public static func line(_ fields: [String]) -> String {
    var bytes: [UInt8] = []
    append(record: fields, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}
