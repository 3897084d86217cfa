/// SplitMix64: a small, fast generator whose sequence depends only on its seed, so demo data,
/// benchmark data sets and randomized tests are the same on every machine and every run.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator that always yields the same sequence for `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A double in `0..<1` with 53 random bits.
  public mutating func unit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// An integer in `0..<bound`.
  public mutating func below(_ bound: Int) -> Int {
    Int(next() % UInt64(bound))
  }

  /// Lowercase hexadecimal of `count` random nibbles.
  public mutating func hex(_ count: Int) -> String {
    let digits: StaticString = "0123456789abcdef"
    var bits = next()
    var bytes = [UInt8](repeating: 0, count: count)
    for index in 0..<count {
      if index % 16 == 15 { bits = next() }
      bytes[index] = digits.utf8Start[Int(bits & 15)]
      bits >>= 4
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
