/// A 128-bit unsigned integer made of two words, just enough arithmetic for exact decimal
/// rounding. (The standard library's `UInt128` needs macOS 15; the package supports macOS 14.)
struct UInt128Parts: Equatable {
  var high: UInt64
  var low: UInt64

  init(high: UInt64 = 0, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// `self << count` for `count` in `0..<128`, assuming no bits are shifted out.
  func shiftedLeft(_ count: Int) -> UInt128Parts {
    if count == 0 { return self }
    if count >= 64 { return UInt128Parts(high: low << UInt64(count - 64), low: 0) }
    return UInt128Parts(
      high: (high << UInt64(count)) | (low >> UInt64(64 - count)), low: low << UInt64(count))
  }

  /// `self >> count` for any `count` ≥ 0.
  func shiftedRight(_ count: Int) -> UInt128Parts {
    if count == 0 { return self }
    if count >= 128 { return UInt128Parts(low: 0) }
    if count >= 64 { return UInt128Parts(low: high >> UInt64(count - 64)) }
    return UInt128Parts(
      high: high >> UInt64(count), low: (low >> UInt64(count)) | (high << UInt64(64 - count)))
  }

  /// Whether bit `index` (0 = least significant) is set.
  func bit(_ index: Int) -> Bool {
    if index >= 128 { return false }
    if index >= 64 { return (high >> UInt64(index - 64)) & 1 == 1 }
    return (low >> UInt64(index)) & 1 == 1
  }

  /// `self * factor`, assuming the product fits in 128 bits.
  func multiplied(by factor: UInt64) -> UInt128Parts {
    let lowProduct = low.multipliedFullWidth(by: factor)
    return UInt128Parts(high: high &* factor &+ lowProduct.high, low: lowProduct.low)
  }

  /// `self + 1`.
  func incremented() -> UInt128Parts {
    let (sum, overflow) = low.addingReportingOverflow(1)
    return UInt128Parts(high: overflow ? high &+ 1 : high, low: sum)
  }

  /// The value in decimal, without leading zeros (`"0"` for zero).
  var decimalString: String {
    if high == 0 { return String(low) }
    // Split off the last 19 digits: 10^19 is the largest power of ten below 2^64.
    let divisor: UInt64 = 10_000_000_000_000_000_000
    let quotientHigh = UInt128Parts(low: high / divisor)
    let (quotientLow, remainder) = divisor.dividingFullWidth((high % divisor, low))
    let quotient = UInt128Parts(high: quotientHigh.low, low: quotientLow)
    let tail = String(remainder)
    return quotient.decimalString + String(repeating: "0", count: 19 - tail.count) + tail
  }
}
