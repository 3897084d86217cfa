/// Every run's name in filter form (`FilterText`), in one contiguous byte buffer in run order:
/// filtering a million runs is one scan of a few tens of megabytes instead of a million
/// separate strings. Names are separated by 0xFF, a byte UTF-8 never contains, so a match can
/// never run from one name into the next.
public struct NameIndex: Sendable {
  private static let separator: UInt8 = 0xFF
  private var bytes: [UInt8] = []
  /// Where each name starts in `bytes`, and one more entry: the end of the buffer.
  private var starts: [Int] = [0]
  /// How often each byte value occurs, to pick the rarest bytes of a needle as anchors.
  private var frequency = [Int](repeating: 0, count: 256)

  /// An empty index.
  public init() {}

  /// An index of `names`, in order.
  public init(_ names: some Sequence<String>) {
    append(contentsOf: names)
  }

  /// How many names the index holds.
  public var count: Int { starts.count - 1 }

  /// Adds names at the end (run indices `count...`).
  public mutating func append(contentsOf names: some Sequence<String>) {
    for name in names { append(name) }
  }

  /// Adds a name at the end (run index `count`).
  public mutating func append(_ name: String) {
    let start = bytes.count
    FilterText.append(name, to: &bytes)
    bytes.withUnsafeBufferPointer { bytes in
      for index in start..<bytes.count { frequency[Int(bytes[index])] += 1 }
    }
    bytes.append(Self.separator)
    starts.append(bytes.count)
  }

  /// Replaces the names of runs already indexed. A name of the same length is overwritten in
  /// place; otherwise the buffer is rewritten once for the whole batch.
  public mutating func replace(_ replacements: [(index: Int, name: String)]) {
    var moved: [Int: [UInt8]] = [:]
    for (index, name) in replacements {
      precondition(index >= 0 && index < count, "replacing a name that is not indexed")
      let new = FilterText.bytes(name)
      let old = starts[index]..<(starts[index + 1] - 1)
      for byte in moved[index] ?? Array(bytes[old]) { frequency[Int(byte)] -= 1 }
      for byte in new { frequency[Int(byte)] += 1 }
      if new.count == old.count && moved.isEmpty {
        bytes.replaceSubrange(old, with: new)
      } else {
        // Later replacements of the same run win, as they do in place.
        moved[index] = new
        bytes.replaceSubrange(old, with: repeatElement(Self.separator, count: old.count))
      }
    }
    guard !moved.isEmpty else { return }
    var rewritten: [UInt8] = []
    rewritten.reserveCapacity(bytes.count)
    var newStarts = [0]
    newStarts.reserveCapacity(starts.count)
    for index in 0..<count {
      if let name = moved[index] {
        rewritten.append(contentsOf: name)
      } else {
        rewritten.append(contentsOf: bytes[starts[index]..<(starts[index + 1] - 1)])
      }
      rewritten.append(Self.separator)
      newStarts.append(rewritten.count)
    }
    bytes = rewritten
    starts = newStarts
  }

  /// From this many runs on, a filter scans two halves of the names on two cores.
  static let parallelFrom = 200_000

  /// One flag per run of `runs` (all by default): whether its name contains `text`
  /// (`RunFilter`'s rule).
  public func matchMask(_ text: String, runs: Range<Int>? = nil) -> [Bool] {
    matchMask(text, runs: runs, parallelFrom: Self.parallelFrom)
  }

  /// `matchMask`, on two cores from `parallelFrom` runs on (tests lower it).
  func matchMask(_ text: String, runs: Range<Int>?, parallelFrom: Int) -> [Bool] {
    let runs = runs ?? 0..<count
    let needle = FilterText.bytes(text)
    if needle.isEmpty { return [Bool](repeating: true, count: runs.count) }
    if runs.count >= parallelFrom {
      let middle = runs.lowerBound + runs.count / 2
      let halves = [runs.lowerBound..<middle, middle..<runs.upperBound]
      let parts = ConcurrentMap.values(count: 2) { mask(needle, runs: halves[$0]) }
      return parts[0] + parts[1]
    }
    return mask(needle, runs: runs)
  }

  private func mask(_ needle: [UInt8], runs: Range<Int>) -> [Bool] {
    var mask = [Bool](repeating: false, count: runs.count)
    mask.withUnsafeMutableBufferPointer { mask in
      forEachMatch(needle, runs: runs) { mask[$0 - runs.lowerBound] = true }
    }
    return mask
  }

  /// Calls `body` with each name of `runs` in filter form, in run order.
  func forEachName(in runs: Range<Int>, _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
    precondition(runs.lowerBound >= 0 && runs.upperBound <= count, "runs out of range")
    bytes.withUnsafeBufferPointer { bytes in
      starts.withUnsafeBufferPointer { starts in
        for run in runs {
          body(run, UnsafeBufferPointer(rebasing: bytes[starts[run]..<(starts[run + 1] - 1)]))
        }
      }
    }
  }

  /// The indices of the runs whose names contain `text`, ascending.
  public func matchingIndices(_ text: String) -> [Int] {
    let needle = FilterText.bytes(text)
    if needle.isEmpty { return Array(0..<count) }
    var indices: [Int] = []
    forEachMatch(needle, runs: 0..<count) { indices.append($0) }
    return indices
  }

  /// Calls `body` once for each run of `runs` whose name contains `needle`, in run order.
  private func forEachMatch(_ needle: [UInt8], runs: Range<Int>, _ body: (Int) -> Void) {
    precondition(runs.lowerBound >= 0 && runs.upperBound <= count, "runs out of range")
    let search = ByteSearch(needle) { frequency[Int($0)] }
    bytes.withUnsafeBufferPointer { buffer in
      starts.withUnsafeBufferPointer { starts in
        var run = runs.lowerBound
        let range = starts[runs.lowerBound]..<starts[runs.upperBound]
        search.forEachMatch(in: buffer, range: range) { position in
          run = Self.run(containing: position, from: run, starts: starts)
          body(run)
          return starts[run + 1]  // The rest of this name need not be searched.
        }
      }
    }
  }

  /// The run whose bytes hold `position`, searched forward from `run` (matches come in
  /// order): a galloping search, so dense matches cost a step each and sparse ones a log.
  private static func run(containing position: Int, from run: Int, starts: UnsafeBufferPointer<Int>)
    -> Int
  {
    var low = run
    var step = 1
    var high = run + 1
    // Invariant: starts[low] <= position; grow `high` until starts[high] > position.
    while high < starts.count - 1 && starts[high] <= position {
      low = high
      step *= 2
      high = Swift.min(starts.count - 1, high + step)
    }
    while high - low > 1 {
      let middle = (low + high) / 2
      if starts[middle] <= position { low = middle } else { high = middle }
    }
    return low
  }
}
