import Foundation

/// Dates and durations as the runs table and machine formats show them.
public enum TimeText {
  /// `YYYY-MM-DD HH:MM:SS` in `timeZone` (seconds truncated); `""` for a date too far from
  /// the present to represent.
  public static func local(_ date: Date, timeZone: TimeZone = .current) -> String {
    let offset = timeZone.secondsFromGMT(for: date)
    guard let fields = civilFields(date, offset: offset) else { return "" }
    return "\(fields.date) \(fields.time)"
  }

  /// RFC 3339 in UTC with whole seconds, `2026-01-02T03:04:05Z`; `""` for a date too far from
  /// the present to represent.
  public static func rfc3339UTC(_ date: Date) -> String {
    guard let fields = civilFields(date, offset: 0) else { return "" }
    return "\(fields.date)T\(fields.time)Z"
  }

  /// `H:MM:SS` with as many hour digits as needed and seconds truncated, as the KFP UI shows
  /// durations; a negative duration (a clock skew between creation and finish) keeps its
  /// sign, `-0:00:05`, like KFP's. `""` when not finite.
  public static func duration(_ seconds: TimeInterval) -> String {
    guard seconds.isFinite, seconds.magnitude < 1e15 else { return "" }
    let total = Int(seconds.magnitude)
    let sign = seconds < 0 && total > 0 ? "-" : ""
    return "\(sign)\(total / 3600):\(twoDigits((total / 60) % 60)):\(twoDigits(total % 60))"
  }

  /// Days, hours and so on of `date` shifted by `offset` seconds, computed directly
  /// (Foundation's calendar is far slower, and this runs for every visible cell).
  private static func civilFields(_ date: Date, offset: Int) -> (date: String, time: String)? {
    let interval = date.timeIntervalSince1970
    // About ±30 million years: beyond that the year would not be a sensible number anyway.
    guard interval.isFinite, interval.magnitude < 1e15 else { return nil }
    let seconds = Int(interval.rounded(.down)) + offset
    let days = seconds.floorDivided(by: 86_400)
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = civilDate(daysSinceEpoch: days)
    let yearText = year >= 0 ? fourDigits(year) : "-" + fourDigits(-year)
    let time =
      "\(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay / 60 % 60)):\(twoDigits(secondOfDay % 60))"
    return ("\(yearText)-\(twoDigits(month))-\(twoDigits(day))", time)
  }

  /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's
  /// `civil_from_days`).
  static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
    let z = daysSinceEpoch + 719_468
    let era = z.floorDivided(by: 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  private static func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : String(value)
  }

  private static func fourDigits(_ value: Int) -> String {
    let text = String(value)
    return text.count >= 4 ? text : String(repeating: "0", count: 4 - text.count) + text
  }
}

extension Int {
  /// Division rounding toward negative infinity.
  fileprivate func floorDivided(by divisor: Int) -> Int {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }
}
