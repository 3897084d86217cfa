/// Sorts indices by a chain of keys: the level-0 key decides, the level-1 key breaks its
/// ties, and so on, then a final comparison. A key maps an index to a `UInt64` whose
/// unsigned order is the wanted order.
///
/// Why not `indices.sort { keys[$0] < keys[$1] }`: every comparison would chase indices into
/// large arrays. Instead each index is packed with the high bits of its key into one
/// `UInt64`, the packed array is sorted as plain integers (as fast as sorting a bare
/// `[Double]`), and only the groups whose truncated keys collide are sorted again, by their
/// exact keys; groups with equal exact keys go on to the next level.
enum KeySort {
  /// An order-preserving key per index.
  typealias Key = (Int) -> UInt64
  /// The key of a level for a group of indices tied on every earlier level; `nil` when
  /// there are no more levels (the final comparison decides).
  typealias Levels = (_ level: Int, _ group: UnsafeBufferPointer<Int>) -> Key?

  /// Groups this small skip the packing and sort (key, index) pairs directly.
  private static let smallGroup = 64

  /// Sorts `items`. `packing` chooses the packed sort for large groups; it pays when keys
  /// seldom share their high bits (numbers), not when they often do (texts with common
  /// prefixes), where sorting (key, index) pairs once is cheaper than sorting twice.
  static func sort(
    _ items: inout [Int], packing: Bool = true, levels: Levels, final: (Int, Int) -> Bool
  ) {
    items.withUnsafeMutableBufferPointer { buffer in
      sortGroup(buffer, level: 0, packing: packing, levels: levels, final: final)
    }
  }

  private static func sortGroup(
    _ items: UnsafeMutableBufferPointer<Int>, level: Int, packing: Bool, levels: Levels,
    final: (Int, Int) -> Bool
  ) {
    let count = items.count
    guard count > 1 else { return }
    // Skip the levels on which the whole group ties (a loop, not recursion: the stack stays
    // flat however many levels there are).
    var level = level
    var levelKey: Key?
    while let key = levels(level, UnsafeBufferPointer(items)) {
      let first = key(items[0])
      if (1..<count).allSatisfy({ key(items[$0]) == first }) {
        level += 1
      } else {
        levelKey = key
        break
      }
    }
    guard let key = levelKey else {
      var buffer = items  // The same memory: sorting through a copy of the pointer is in place.
      buffer.sort(by: final)
      return
    }
    if count <= smallGroup || !packing {
      sortByExactKey(
        items, key: key, level: level, packing: packing, levels: levels, final: final)
      return
    }
    let positionBits = UInt64.bitWidth - UInt64(count - 1).leadingZeroBitCount
    let positionMask: UInt64 = (1 << UInt64(positionBits)) - 1
    var packed = [UInt64](repeating: 0, count: count)
    for position in 0..<count {
      packed[position] = (key(items[position]) & ~positionMask) | UInt64(position)
    }
    packed.sort()
    let original = Array(items)
    for position in 0..<count {
      items[position] = original[Int(packed[position] & positionMask)]
    }
    // Runs of equal truncated keys: sort them by their exact keys.
    var start = 0
    while start < count {
      let high = packed[start] & ~positionMask
      var end = start + 1
      while end < count && packed[end] & ~positionMask == high { end += 1 }
      if end - start > 1 {
        let run = UnsafeMutableBufferPointer(rebasing: items[start..<end])
        sortByExactKey(
          run, key: key, level: level, packing: packing, levels: levels, final: final)
      }
      start = end
    }
  }

  /// Sorts by the exact key of `level`, then each run of equal keys by the next levels.
  private static func sortByExactKey(
    _ items: UnsafeMutableBufferPointer<Int>, key: Key, level: Int, packing: Bool,
    levels: Levels, final: (Int, Int) -> Bool
  ) {
    var pairs = items.map { (key: key($0), item: $0) }
    pairs.sort { $0.key < $1.key }
    for position in pairs.indices { items[position] = pairs[position].item }
    var start = 0
    while start < pairs.count {
      var end = start + 1
      while end < pairs.count && pairs[end].key == pairs[start].key { end += 1 }
      if end - start > 1 {
        let run = UnsafeMutableBufferPointer(rebasing: items[start..<end])
        sortGroup(run, level: level + 1, packing: packing, levels: levels, final: final)
      }
      start = end
    }
  }

  /// A `UInt64` whose unsigned order is the numeric order of `x` (NaN excluded; -0 and +0
  /// map to the same value).
  @inline(__always)
  static func orderedBits(_ x: Double) -> UInt64 {
    let bits = (x + 0).bitPattern
    return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
  }
}
