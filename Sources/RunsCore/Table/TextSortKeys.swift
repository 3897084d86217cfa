/// The lowercased UTF-8 bytes of one text per run, in one buffer, cut into sort keys of seven
/// bytes each: byte order of lowercased text is the case-insensitive A→Z order (by Unicode
/// scalar value), and comparing bytes is far cheaper than comparing `String`s.
///
/// Only the first `significantBytes` bytes count: texts that agree on those are equal for
/// sorting (the start time decides), which bounds the work and the number of key levels.
struct TextSortKeys: Sendable {
  static let significantBytes = 256

  private var bytes: [UInt8] = []
  private var starts: [Int] = []
  private var lengths: [Int] = []

  /// Reads `texts`; `nil` and empty texts are missing.
  init(_ texts: [String?]) {
    starts.reserveCapacity(texts.count)
    lengths.reserveCapacity(texts.count)
    for text in texts {
      starts.append(bytes.count)
      guard let text, !text.isEmpty else {
        lengths.append(-1)
        continue
      }
      let utf8 = text.utf8
      if utf8.allSatisfy({ $0 < 0x80 }) {
        for byte in utf8.prefix(Self.significantBytes) {
          bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
      } else {
        bytes.append(contentsOf: text.lowercased().utf8.prefix(Self.significantBytes))
      }
      lengths.append(bytes.count - starts[starts.count - 1])
    }
    chunkCount = ((lengths.max() ?? 0) + 6) / 7
  }

  /// Adds the texts of `more` after these.
  mutating func append(_ more: TextSortKeys) {
    let offset = bytes.count
    bytes.append(contentsOf: more.bytes)
    starts.append(contentsOf: more.starts.map { $0 + offset })
    lengths.append(contentsOf: more.lengths)
    chunkCount = max(chunkCount, more.chunkCount)
  }

  /// Whether run `index` has no text.
  func isMissing(_ index: Int) -> Bool { lengths[index] < 0 }

  /// How many keys it takes to compare the longest text.
  private(set) var chunkCount = 0

  /// Key `chunk` of run `index`: bytes `7·chunk ..< 7·chunk + 7` in the high seven bytes
  /// (zero-padded) and how many of them exist in the low byte, so a text that ends sorts
  /// before every text it is a prefix of.
  func key(_ index: Int, chunk: Int) -> UInt64 {
    let offset = chunk * 7
    let available = min(7, max(0, lengths[index] - offset))
    var key: UInt64 = 0
    let base = starts[index] + offset
    for position in 0..<7 {
      key <<= 8
      if position < available { key |= UInt64(bytes[base + position]) }
    }
    return key << 8 | UInt64(available)
  }
}
