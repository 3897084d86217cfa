/// Sorts indices by several `Double` keys (the first decides, the next breaks its ties, and
/// so on), then by a final comparison. A key is a function of the index; the later ones are
/// only asked about tied indices.
///
/// Why not `indices.sort { keys[$0] < keys[$1] }`: every comparison would chase an index into
/// a large array. Instead each index is packed with the high bits of its order-preserving key
/// into one `UInt64`, the packed array is sorted as plain integers (as fast as sorting a bare
/// `[Double]`), and only the rare groups whose truncated keys collide are sorted again.
enum KeySort {
  typealias Key = (Int) -> Double

  static func sort(_ items: inout [Int], levels: [Key], final: (Int, Int) -> Bool) {
    sort(&items, levels: levels[...], final: final)
  }

  private static func sort(
    _ items: inout [Int], levels: ArraySlice<Key>, final: (Int, Int) -> Bool
  ) {
    guard items.count > 1 else { return }
    guard let key = levels.first else {
      items.sort(by: final)
      return
    }
    let count = items.count
    let positionBits = UInt64.bitWidth - UInt64(count - 1).leadingZeroBitCount
    guard positionBits <= 40 else {
      items.sort { fullOrder($0, $1, levels: levels, final: final) }
      return
    }
    let positionMask: UInt64 = (1 << UInt64(positionBits)) - 1
    var packed = [UInt64](repeating: 0, count: count)
    for position in 0..<count {
      packed[position] = (orderedBits(key(items[position])) & ~positionMask) | UInt64(position)
    }
    packed.sort()
    var sorted = [Int](repeating: 0, count: count)
    for position in 0..<count {
      sorted[position] = items[Int(packed[position] & positionMask)]
    }
    // Runs of equal truncated keys: equal full keys go to the next level, nearly equal ones
    // get a full comparison sort.
    var start = 0
    while start < count {
      let high = packed[start] & ~positionMask
      var end = start + 1
      while end < count && packed[end] & ~positionMask == high { end += 1 }
      if end - start > 32 {
        var group = Array(sorted[start..<end])
        let first = key(group[0])
        if group.allSatisfy({ key($0) == first }) {
          sort(&group, levels: levels.dropFirst(), final: final)
        } else {
          group.sort { fullOrder($0, $1, levels: levels, final: final) }
        }
        sorted.replaceSubrange(start..<end, with: group)
      } else if end - start > 1 {
        // Small groups (exact ties are mostly pairs): compare directly, no packing.
        sorted[start..<end].sort { fullOrder($0, $1, levels: levels, final: final) }
      }
      start = end
    }
    items = sorted
  }

  private static func fullOrder(
    _ a: Int, _ b: Int, levels: ArraySlice<Key>, final: (Int, Int) -> Bool
  ) -> Bool {
    for key in levels {
      let x = key(a)
      let y = key(b)
      if x != y { return x < y }
    }
    return final(a, b)
  }

  /// A `UInt64` whose unsigned order is the numeric order of `x` (NaN excluded; -0 and +0
  /// map to the same value).
  @inline(__always)
  static func orderedBits(_ x: Double) -> UInt64 {
    let bits = (x + 0).bitPattern
    return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
  }
}
