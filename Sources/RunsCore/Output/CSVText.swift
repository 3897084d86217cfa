/// RFC 4180 quoting: a field holding a comma, a double quote or a line break is wrapped in double
/// quotes with its double quotes doubled. Lines end with `\n`.
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
      // Bytes, not characters: all four are ASCII, and this runs for every cell of a large list.
      let needsQuotes = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
      guard needsQuotes else {
        bytes.append(contentsOf: utf8)
        return
      }
      bytes.append(0x22)
      for byte in utf8 {
        if byte == 0x22 { bytes.append(0x22) }
        bytes.append(byte)
      }
      bytes.append(0x22)
    }
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
