/// An independent `toFixed(3)` oracle: writes the double's exact decimal expansion with
/// schoolbook big-number arithmetic, then rounds half up on the magnitude.
enum ExactDecimal {
  static func toFixed3(_ x: Double) -> String {
    let negative = x < 0
    let magnitude = x.magnitude
    let biased = Int(magnitude.exponentBitPattern)
    let fraction = magnitude.significandBitPattern
    let significand = biased == 0 ? fraction : fraction | (1 << 52)
    let exponent = (biased == 0 ? 1 : biased) - 1075
    // Little-endian decimal digits of the integer `significand`.
    var digits = String(significand).reversed().map { Int(String($0))! }
    var fractionDigits = 0
    if exponent >= 0 {
      for _ in 0..<exponent { digits = multiply(digits, by: 2) }
    } else {
      // m × 2^-k = m × 5^k / 10^k.
      for _ in 0..<(-exponent) { digits = multiply(digits, by: 5) }
      fractionDigits = -exponent
    }
    // Make sure there are at least 4 fraction digits and one integer digit.
    if fractionDigits < 4 {
      digits = Array(repeating: 0, count: 4 - fractionDigits) + digits
      fractionDigits = 4
    }
    while digits.count <= fractionDigits { digits.append(0) }
    // Keep 3 fraction digits; the 4th decides (half up: a tie goes away from zero).
    let dropped = fractionDigits - 3
    let decider = digits[dropped - 1]
    var kept = Array(digits[dropped...])
    if decider >= 5 { kept = add1(kept) }
    let text = String(kept.reversed().map { Character(String($0)) })
    let integerPart = text.dropLast(3)
    let trimmed = integerPart.drop { $0 == "0" }
    let result = (trimmed.isEmpty ? "0" : String(trimmed)) + "." + text.suffix(3)
    return (negative ? "-" : "") + result
  }

  private static func multiply(_ digits: [Int], by factor: Int) -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(digits.count + 1)
    var carry = 0
    for digit in digits {
      let product = digit * factor + carry
      result.append(product % 10)
      carry = product / 10
    }
    while carry > 0 {
      result.append(carry % 10)
      carry /= 10
    }
    return result
  }

  private static func add1(_ digits: [Int]) -> [Int] {
    var result = digits
    for index in result.indices {
      if result[index] < 9 {
        result[index] += 1
        return result
      }
      result[index] = 0
    }
    result.append(1)
    return result
  }
}
