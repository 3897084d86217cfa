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
    // When the anchors are the whole needle, agreeing on them is a match.
    let anchorsAreAll = count == 1 || (count == 2 && a != b)
    let byteA = SIMD16<UInt8>(repeating: needle[a])
    let byteB = SIMD16<UInt8>(repeating: needle[b])
    let raw = UnsafeRawPointer(base)
    needle.withUnsafeBufferPointer { needle in
      let needleBase = needle.baseAddress!
      func isMatch(_ position: Int) -> Bool {
        anchorsAreAll || memcmp(base + position, needleBase, count) == 0
      }
      var start = range.lowerBound
      var resume = start
      while start + 15 <= last {
        let hitsA = raw.loadUnaligned(fromByteOffset: start + a, as: SIMD16<UInt8>.self) .== byteA
        let hitsB = raw.loadUnaligned(fromByteOffset: start + b, as: SIMD16<UInt8>.self) .== byteB
        let hits = hitsA .& hitsB
        // Most steps have no candidate: `any` is one cheap reduction, the lane bits are not.
        guard any(hits) else {
          start = Swift.max(start + 16, resume)
          continue
        }
        var lanes = Self.bits(hits)
        // Lanes before `resume` belong to a record already matched.
        if resume > start { lanes &= resume - start >= 16 ? 0 : ~0 << UInt16(resume - start) }
        while lanes != 0 {
          let position = start + lanes.trailingZeroBitCount
          lanes &= lanes &- 1
          if isMatch(position) {
            resume = found(position)
            let skip = resume - start
            lanes &= skip >= 16 ? 0 : ~0 << UInt16(skip)
          }
        }
        start = Swift.max(start + 16, resume)
      }
      while start <= last {
        if base[start + a] == needle[a] && base[start + b] == needle[b] && isMatch(start) {
          resume = found(start)
          start = Swift.max(start + 1, resume)
        } else {
          start += 1
        }
      }
    }
  }

  /// Bit `i` set where lane `i` of `mask` is true (what SSE2's `pmovmskb` gives).
  @inline(__always)
  private static func bits(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt16 {
    let weights = SIMD16<UInt8>(1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128)
    let selected = SIMD16<UInt8>(repeating: 0).replacing(with: weights, where: mask)
    let low = UInt16(selected.lowHalf.wrappedSum())
    let high = UInt16(selected.highHalf.wrappedSum())
    return low | high << 8
  }
}
