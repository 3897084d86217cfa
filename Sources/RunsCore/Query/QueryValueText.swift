import Foundation

/// What the text of a query value reads as: a number, a percentage, a duration, a date or
/// time. Which reading applies depends on the name it is compared with.
enum QueryValueText {
  /// A plain number (`0.9`, `-1e-3`, `32`) or a percentage (`90%` = 0.9); `nil` otherwise.
  static func number(_ text: String) -> Double? {
    if text.hasSuffix("%") {
      return plainNumber(String(text.dropLast())).map { $0 / 100 }
    }
    return plainNumber(text)
  }

  /// A decimal number: no hexadecimal, `inf` or `nan` (those read as text).
  static func plainNumber(_ text: String) -> Double? {
    guard let first = text.first, first.isNumber || "+-.".contains(first),
      text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
      let value = Double(text), value.isFinite
    else { return nil }
    return value
  }

  /// Seconds a duration stands for: units `d`, `h`, `m`, `s`, `ms` in any combination
  /// (`45s`, `1h30m`, `1.5h`, `250ms`), or a plain number of seconds.
  static func seconds(_ text: String) -> Double? {
    if let number = plainNumber(text) { return number }
    let units: [String: Double] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1, "ms": 0.001]
    let characters = Array(text.lowercased())
    var index = 0
    var total = 0.0
    while index < characters.count {
      let start = index
      while index < characters.count, characters[index].isASCII,
        characters[index].isNumber || characters[index] == "."
      {
        index += 1
      }
      guard index > start, let amount = Double(String(characters[start..<index])) else {
        return nil
      }
      let unitStart = index
      while index < characters.count, characters[index].isLetter { index += 1 }
      guard let unit = units[String(characters[unitStart..<index])] else { return nil }
      total += amount * unit
    }
    return index > 0 ? total : nil
  }

  /// The span of time a date or time stands for, in seconds since 1970, local time in
  /// `timeZone`: `2026-01-05` is that whole day, `2026-01-05T10:00` that minute,
  /// `2026-01-05T10:00:30` that second. A space may stand for the `T`; a final `Z` means UTC.
  static func time(_ text: String, timeZone: TimeZone) -> (start: Double, end: Double)? {
    var text = Substring(text)
    var zone = timeZone
    if text.hasSuffix("Z") || text.hasSuffix("z") {
      text = text.dropLast()
      zone = TimeZone(identifier: "UTC")!
    }
    let parts = text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "T" || $0 == "t" || $0 == " " })
    guard parts.count <= 2 else { return nil }
    let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
    guard date.count == 3, date[0].count == 4, date[1].count == 2, date[2].count == 2,
      let year = digits(date[0]), let month = digits(date[1]), let day = digits(date[2])
    else { return nil }
    var fields = [year, month, day]
    if parts.count == 2 {
      let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
      guard time.count == 2 || time.count == 3, time.allSatisfy({ $0.count == 2 }) else {
        return nil
      }
      for field in time {
        guard let value = digits(field) else { return nil }
        fields.append(value)
      }
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let components = DateComponents(
      year: fields[0], month: fields[1], day: fields[2], hour: fields.count > 3 ? fields[3] : 0,
      minute: fields.count > 4 ? fields[4] : 0, second: fields.count > 5 ? fields[5] : 0)
    // Out-of-range fields (month 13, 25:00) would roll over into another date: refuse them.
    guard (1...12).contains(fields[1]), (1...31).contains(fields[2]),
      fields.count < 4 || (0...23).contains(fields[3]),
      fields.count < 5 || (0...59).contains(fields[4]),
      fields.count < 6 || (0...59).contains(fields[5]),
      let start = calendar.date(from: components),
      calendar.component(.day, from: start) == fields[2]
    else { return nil }
    let end: Date?
    switch fields.count {
    case 3: end = calendar.date(byAdding: .day, value: 1, to: start)
    case 5: end = start.addingTimeInterval(60)
    default: end = start.addingTimeInterval(1)
    }
    guard let end else { return nil }
    return (start.timeIntervalSince1970, end.timeIntervalSince1970)
  }

  private static func digits(_ text: Substring) -> Int? {
    guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(text)
  }
}
