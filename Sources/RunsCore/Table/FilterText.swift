import Foundation

/// The form in which the filter compares a run name with the filter text: lowercased
/// (Unicode's default case mapping, `String.lowercased()`), decomposed, without its combining
/// diacritical marks, then in canonical composed form (NFC), as UTF-8 bytes. A name matches
/// when its bytes contain the text's bytes, so case and accents do not matter (`resume`
/// finds `Résumé`, and so does `résumé`), canonically equivalent spellings match each other,
/// and marks outside the diacritics blocks (the vowel signs of Indic scripts, kana voicing)
/// are kept.
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
      bytes.append(contentsOf: folded(text).utf8)
    }
  }

  /// `text` lowercased and without combining diacritical marks, in NFC.
  static func folded(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
    where !isDiacritic(scalar) {
      scalars.append(scalar)
    }
    return String(scalars).precomposedStringWithCanonicalMapping
  }

  /// The combining diacritical marks blocks (accents, cedillas, rings, tildes, strokes).
  private static func isDiacritic(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F:
      true
    default: false
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
