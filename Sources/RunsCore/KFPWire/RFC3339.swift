import Foundation

/// RFC 3339 timestamps as the KFP API writes them (`2026-01-02T03:04:05Z`, fractions, offsets).
public enum RFC3339 {
  /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `nil` when the text is not one.
  ///
  /// Hand-written because `ISO8601DateFormatter` is slow and does not take both fractional and
  /// whole seconds with one configuration; thousands of runs each carry several timestamps.
  /// Also accepts `t`/`z` in lower case and a space between date and time (RFC 3339 §5.6 note).
  public static func parse(_ text: String) -> Date? {
    var text = text
    return text.withUTF8 { parse(bytes: $0) }
  }

  /// Parses the UTF-8 bytes of a timestamp.
  static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
    var cursor = Cursor(bytes: bytes)
    guard let year = cursor.digits(4), cursor.take(UInt8(ascii: "-")),
      let month = cursor.digits(2), cursor.take(UInt8(ascii: "-")),
      let day = cursor.digits(2),
      cursor.take(UInt8(ascii: "T")) || cursor.take(UInt8(ascii: "t"))
        || cursor.take(UInt8(ascii: " ")),
      let hour = cursor.digits(2), cursor.take(UInt8(ascii: ":")),
      let minute = cursor.digits(2), cursor.take(UInt8(ascii: ":")),
      let second = cursor.digits(2)
    else { return nil }
    guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
      hour <= 23, minute <= 59, second <= 60
    else { return nil }

    // Nanoseconds from the first nine fraction digits; further digits are below Date's precision.
    var nanoseconds = 0
    if cursor.take(UInt8(ascii: ".")) {
      var count = 0
      while let digit = cursor.digit() {
        if count < 9 { nanoseconds = nanoseconds * 10 + digit }
        count += 1
      }
      guard count > 0 else { return nil }
      for _ in count..<max(count, 9) { nanoseconds *= 10 }
    }

    var offsetSeconds = 0
    if cursor.take(UInt8(ascii: "Z")) || cursor.take(UInt8(ascii: "z")) {
      offsetSeconds = 0
    } else if let sign = cursor.sign() {
      guard let offsetHours = cursor.digits(2), cursor.take(UInt8(ascii: ":")),
        let offsetMinutes = cursor.digits(2), offsetHours <= 23, offsetMinutes <= 59
      else { return nil }
      offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
    } else {
      return nil
    }
    guard cursor.atEnd else { return nil }

    let days = daysSinceEpoch(year: year, month: month, day: day)
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    return Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
  }

  private static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
  private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
      guard index < bytes.count, bytes[index] == byte else { return false }
      index += 1
      return true
    }

    mutating func digit() -> Int? {
      guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
      defer { index += 1 }
      return Int(bytes[index] - 0x30)
    }

    mutating func digits(_ count: Int) -> Int? {
      var value = 0
      for _ in 0..<count {
        guard let next = digit() else { return nil }
        value = value * 10 + next
      }
      return value
    }

    mutating func sign() -> Int? {
      if take(UInt8(ascii: "+")) { return 1 }
      if take(UInt8(ascii: "-")) { return -1 }
      return nil
    }
  }
}
