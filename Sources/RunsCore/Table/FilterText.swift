import Foundation

/// The form in which the filter compares a run name with the filter text: lowercased
/// (Unicode's default case mapping, `String.lowercased()`), then in canonical composed form
/// (NFC), as UTF-8 bytes. A name matches when its bytes contain the text's bytes, so matching
/// is by Unicode scalars: canonically equivalent spellings match each other (a decomposed
/// `e` + U+0301 matches `é`), and a needle may end inside a character that has no composed
/// form (`e` matches `e` + U+0331).
enum FilterText {
  /// The comparable bytes of `text`.
  static func bytes(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    append(text, to: &bytes)
    return bytes
  }

  /// Appends the comparable bytes of `text` to `bytes`. ASCII text, the common case, is
  /// lowered byte by byte without building a `String`.
  static func append(_ text: String, to bytes: inout [UInt8]) {
    let utf8 = text.utf8
    let isASCII =
      utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } }
      ?? utf8.allSatisfy { $0 < 0x80 }
    if isASCII {
      let start = bytes.count
      bytes.append(contentsOf: utf8)
      bytes.withUnsafeMutableBufferPointer { bytes in
        for index in start..<bytes.count where bytes[index] &- 0x41 < 26 { bytes[index] |= 0x20 }
      }
    } else {
      bytes.append(contentsOf: text.lowercased().precomposedStringWithCanonicalMapping.utf8)
    }
  }

  /// Whether `haystack` contains `needle` (a direct scan; `NameIndex` searches many names).
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    if needle.isEmpty { return true }
    guard haystack.count >= needle.count else { return false }
    for start in 0...(haystack.count - needle.count)
    where haystack[start] == needle[0]
      && haystack[start..<start + needle.count].elementsEqual(needle)
    {
      return true
    }
    return false
  }
}
