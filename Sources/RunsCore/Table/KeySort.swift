/// Sorts indices by a chain of keys: the level-0 key decides, the level-1 key breaks its
/// ties, and so on, then a final comparison. A key maps an index to a `UInt64` whose
/// unsigned order is the wanted order.
///
/// Why not `indices.sort { keys[$0] < keys[$1] }`: every comparison would chase indices into
/// large arrays. Instead each index is packed with the high bits of its key into one
/// `UInt64`, the packed array is radix-sorted as plain integers (a few linear passes, several
/// times faster than sorting a bare `[Double]`), and only the groups whose truncated keys
/// collide are sorted again, by their exact keys; groups with equal exact keys go on to the
/// next level.
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
    let large = packing && count > smallGroup
    // A large group keeps the keys of the level it sorts by: read once for the check below
    // and for the sort.
    let keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: large ? count : 0)
    defer { keys.deallocate() }
    var itemBits: UInt = 0
    // Skip the levels on which the whole group ties (a loop, not recursion: the stack stays
    // flat however many levels there are).
    var level = level
    var levelKey: Key?
    while let key = levels(level, UnsafeBufferPointer(items)) {
      let first = key(items[0])
      let tied: Bool
      if large {
        var differences: UInt64 = 0
        for position in 0..<count {
          let item = items[position]
          let value = key(item)
          keys[position] = value
          differences |= value ^ first
          itemBits |= UInt(bitPattern: item)
        }
        tied = differences == 0
      } else {
        tied = (1..<count).allSatisfy { key(items[$0]) == first }
      }
      if tied {
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
    guard large else {
      sortByExactKey(
        items, key: key, level: level, packing: packing, levels: levels, final: final)
      return
    }
    sortPacked(
      items, keys: keys, itemBits: UInt.bitWidth - itemBits.leadingZeroBitCount, key: key,
      level: level, levels: levels, final: final)
  }

  /// Sorts a large group whose keys are in `keys`: each key's low `itemBits` bits are replaced
  /// by its item (an index, so never negative), the packed integers are radix-sorted on the
  /// high bits, and the runs of equal high bits are sorted again by their exact keys.
  private static func sortPacked(
    _ items: UnsafeMutableBufferPointer<Int>, keys: UnsafeMutableBufferPointer<UInt64>,
    itemBits: Int, key: Key, level: Int, levels: Levels, final: (Int, Int) -> Bool
  ) {
    precondition(itemBits < UInt64.bitWidth, "items are indices")
    let count = items.count
    let itemMask: UInt64 = (1 << UInt64(itemBits)) - 1
    for position in 0..<count {
      keys[position] = keys[position] & ~itemMask | UInt64(UInt(bitPattern: items[position]))
    }
    let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
    defer { scratch.deallocate() }
    let sorted = radixSort(keys, scratch: scratch, fromBit: itemBits)
    for position in 0..<count {
      items[position] = Int(truncatingIfNeeded: sorted[position] & itemMask)
    }
    // Runs of equal truncated keys (in their original order): sort them by their exact keys.
    var start = 0
    while start < count {
      let high = sorted[start] & ~itemMask
      var end = start + 1
      while end < count && sorted[end] & ~itemMask == high { end += 1 }
      if end - start > 1 {
        let run = UnsafeMutableBufferPointer(rebasing: items[start..<end])
        sortByExactKey(run, key: key, level: level, packing: true, levels: levels, final: final)
      }
      start = end
    }
  }

  /// Bits per radix digit: 2,048 buckets. Measured on 1M packed metric keys: 10 to 12 bits
  /// beat 8 (more passes) and 16 (counts spill out of cache).
  static let digitBits = 11

  /// Sorts `values` by their bits from `lowBit` up, stably: values equal in those bits keep
  /// their order (so the bits below `lowBit` can carry a position). Least significant digit
  /// first, one counting pass for every digit, and no pass for a digit every value shares.
  /// Returns whichever of `values` and `scratch` holds the result.
  static func radixSort(
    _ values: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>,
    fromBit lowBit: Int, digitBits: Int = KeySort.digitBits
  ) -> UnsafeMutableBufferPointer<UInt64> {
    let count = values.count
    precondition(scratch.count >= count && (0..<UInt64.bitWidth).contains(lowBit))
    guard count > 1 else { return values }
    let buckets = 1 << digitBits
    let mask = UInt64(buckets - 1)
    let digits = (UInt64.bitWidth - lowBit + digitBits - 1) / digitBits
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: digits * buckets)
    defer { counts.deallocate() }
    counts.initialize(repeating: 0)
    for value in values {
      var rest = value &>> UInt64(lowBit)
      for digit in 0..<digits {
        counts[digit &* buckets &+ Int(rest & mask)] &+= 1
        rest &>>= UInt64(digitBits)
      }
    }
    var source = values
    var target = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
    for digit in 0..<digits {
      let shift = UInt64(lowBit + digit * digitBits)
      let offsets = UnsafeMutableBufferPointer(
        rebasing: counts[digit * buckets..<(digit + 1) * buckets])
      if offsets[Int((source[0] &>> shift) & mask)] == count { continue }
      var total = 0
      for bucket in 0..<buckets {
        let size = offsets[bucket]
        offsets[bucket] = total
        total &+= size
      }
      for value in source {
        let bucket = Int((value &>> shift) & mask)
        target[offsets[bucket]] = value
        offsets[bucket] &+= 1
      }
      swap(&source, &target)
    }
    return source
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
