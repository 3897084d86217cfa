import Foundation
import Testing

@testable import RunsCore

@Suite struct TimeTextTests {
  private let utc = TimeZone(identifier: "UTC")!

  @Test func rfc3339() {
    #expect(TimeText.rfc3339UTC(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    #expect(
      TimeText.rfc3339UTC(Date(timeIntervalSince1970: 1_767_323_045)) == "2026-01-02T03:04:05Z")
    // Fractions are truncated, also before 1970.
    #expect(
      TimeText.rfc3339UTC(Date(timeIntervalSince1970: 1_767_323_045.999)) == "2026-01-02T03:04:05Z")
    #expect(TimeText.rfc3339UTC(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    #expect(TimeText.rfc3339UTC(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    #expect(TimeText.rfc3339UTC(Date(timeIntervalSince1970: .infinity)) == "")
  }

  @Test func localUsesTheTimeZone() {
    let date = Date(timeIntervalSince1970: 1_767_323_045)
    #expect(TimeText.local(date, timeZone: utc) == "2026-01-02 03:04:05")
    #expect(
      TimeText.local(date, timeZone: TimeZone(secondsFromGMT: -5 * 3600)!) == "2026-01-01 22:04:05")
    #expect(
      TimeText.local(date, timeZone: TimeZone(secondsFromGMT: 5 * 3600 + 1800)!)
        == "2026-01-02 08:34:05")
    // Daylight saving time: New York is UTC−4 in July.
    let july = Date(timeIntervalSince1970: 1_783_000_000)
    #expect(
      TimeText.local(july, timeZone: TimeZone(identifier: "America/New_York")!)
        == "2026-07-02 09:46:40")
  }

  /// The arithmetic agrees with Foundation's calendar over a wide span of dates.
  @Test func agreesWithFoundationCalendar() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = utc
    var generator = SeededRandom(seed: 99)
    for _ in 0..<500 {
      let seconds = Double(Int64(bitPattern: generator.next() % 20_000_000_000) - 6_000_000_000)
      let date = Date(timeIntervalSince1970: seconds)
      let parts = calendar.dateComponents(
        [.year, .month, .day, .hour, .minute, .second], from: date)
      let fields = try [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second]
        .map { try #require($0) }
      let expected = String(format: "%04d-%02d-%02d %02d:%02d:%02d", arguments: fields)
      #expect(TimeText.local(date, timeZone: utc) == expected)
    }
  }

  @Test(
    arguments: [
      (0.0, "0:00:00"), (59.9, "0:00:59"), (61, "0:01:01"), (3599, "0:59:59"), (3600, "1:00:00"),
      (36_062, "10:01:02"), (400_000, "111:06:40"), (-5, "-0:00:05"), (-0.5, "0:00:00"),
      (-3725, "-1:02:05"),
    ])
  func duration(seconds: Double, expected: String) {
    #expect(TimeText.duration(seconds) == expected)
  }

  @Test func nonFiniteDurationIsBlank() {
    #expect(TimeText.duration(.nan) == "")
    #expect(TimeText.duration(.infinity) == "")
  }
}
