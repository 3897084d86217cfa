/// JavaScript's `Number::toString` (ECMA-262 §6.1.6.1.20): the shortest decimal that reads
/// back as the same double, plain between 1e-7 and 1e21, exponent form (`1e+21`) outside.
enum JavaScriptNumber {
  /// The JavaScript text of `x`; -0.0 prints `0` as in JavaScript.
  static func string(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
    if x == 0 { return "0" }
    let (digits, pointPosition) = shortestDigits(x.magnitude)
    return (x < 0 ? "-" : "") + layout(digits: digits, pointPosition: pointPosition)
  }

  /// The shortest round-trip digits of a finite positive `x` and `n` with
  /// `x = 0.d₁d₂…dₖ × 10ⁿ`. Swift's own description is already shortest and closest;
  /// only its layout differs from JavaScript's.
  static func shortestDigits(_ x: Double) -> (digits: [UInt8], pointPosition: Int) {
    let text = x.description.utf8
    var digits: [UInt8] = []
    var integerDigits = 0
    var seenPoint = false
    var exponent = 0
    var exponentSign = 1
    var inExponent = false
    for byte in text {
      switch byte {
      case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
      case UInt8(ascii: "-") where inExponent: exponentSign = -1
      case UInt8(ascii: "+"): break
      case UInt8(ascii: "."): seenPoint = true
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if inExponent {
          exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
        } else {
          digits.append(byte)
          if !seenPoint { integerDigits += 1 }
        }
      default: break
      }
    }
    var pointPosition = integerDigits + exponentSign * exponent
    let firstNonZero = digits.firstIndex { $0 != UInt8(ascii: "0") } ?? digits.count
    pointPosition -= firstNonZero
    digits.removeFirst(firstNonZero)
    while digits.last == UInt8(ascii: "0") { digits.removeLast() }
    return (digits, pointPosition)
  }

  /// Lays out digits the way `Number::toString` does for a positive number.
  static func layout(digits: [UInt8], pointPosition n: Int) -> String {
    let k = digits.count
    var out: [UInt8] = []
    out.reserveCapacity(k + 8)
    if k <= n && n <= 21 {
      out += digits
      out += repeatElement(UInt8(ascii: "0"), count: n - k)
    } else if 0 < n && n <= 21 {
      out += digits[..<n]
      out.append(UInt8(ascii: "."))
      out += digits[n...]
    } else if -6 < n && n <= 0 {
      out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
      out += repeatElement(UInt8(ascii: "0"), count: -n)
      out += digits
    } else {
      out.append(digits[0])
      if k > 1 {
        out.append(UInt8(ascii: "."))
        out += digits[1...]
      }
      out.append(UInt8(ascii: "e"))
      out.append(n - 1 < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
      out += Array(String((n - 1).magnitude).utf8)
    }
    return String(decoding: out, as: UTF8.self)
  }
}
