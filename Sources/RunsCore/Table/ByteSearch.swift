import Foundation

/// Finds a needle in a large byte buffer, 16 positions at a time: two bytes of the needle
/// (the rarest ones, chosen by the caller) are compared with 16 bytes each per step, and only
/// positions where both agree are compared in full. With rare anchor bytes almost every step
/// is two loads and two compares, so a scan runs near memory speed.
struct ByteSearch {
  let needle: [UInt8]
  /// The offsets in the needle of the two anchor bytes.
  let anchors: (Int, Int)

  /// Anchors on the two positions whose bytes `frequency` says are rarest (different bytes
  /// when the needle has them, since a repeated byte adds little selectivity).
  init(_ needle: [UInt8], frequency: (UInt8) -> Int) {
    self.needle = needle
    guard !needle.isEmpty else {
      anchors = (0, 0)
      return
    }
    let rarest = needle.indices.min { frequency(needle[$0]) < frequency(needle[$1]) } ?? 0
    let second =
      needle.indices.filter { needle[$0] != needle[rarest] }
      .min { frequency(needle[$0]) < frequency(needle[$1]) }
      ?? (needle.count > 1 ? (rarest == 0 ? needle.count - 1 : 0) : rarest)
    anchors = (rarest, second)
  }

  /// Calls `found` with each start position of the needle in `haystack[range]` in ascending
  /// order; `found` returns the position to go on from (past the match at least), which lets
  /// a caller skip the rest of a record after its first match.
  func forEachMatch(
    in haystack: UnsafeBufferPointer<UInt8>, range: Range<Int>, _ found: (Int) -> Int
  ) {
    let count = needle.count
    guard count > 0, let base = haystack.baseAddress, range.count >= count else { return }
    let last = range.upperBound - count  // the last possible start
    let (a, b) = anchors
    let byteA = SIMD16<UInt8>(repeating: needle[a])
    let byteB = SIMD16<UInt8>(repeating: needle[b])
    let raw = UnsafeRawPointer(base)
    needle.withUnsafeBufferPointer { needle in
      let needleBase = needle.baseAddress!
      var start = range.lowerBound
      var resume = start
      while start + 15 <= last {
        let hitsA = raw.loadUnaligned(fromByteOffset: start + a, as: SIMD16<UInt8>.self) .== byteA
        let hitsB = raw.loadUnaligned(fromByteOffset: start + b, as: SIMD16<UInt8>.self) .== byteB
        let both = hitsA .& hitsB
        if any(both) {
          for lane in 0..<16 where both[lane] {
            let position = start + lane
            if position >= resume && memcmp(base + position, needleBase, count) == 0 {
              resume = found(position)
            }
          }
        }
        start = Swift.max(start + 16, resume)
      }
      while start <= last {
        if start >= resume && base[start + a] == needle[a]
          && memcmp(base + start, needleBase, count) == 0
        {
          resume = found(start)
          start = Swift.max(start + 1, resume)
        } else {
          start += 1
        }
      }
    }
  }
}
