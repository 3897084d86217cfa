import Foundation

/// A `kfp.local` run folder's name, `<pipeline>-<YYYY-MM-DD-HH-MM-SS-ffffff>`: the pipeline's
/// name and the local time the run started (`kfp.local` records nothing else about a run).
public struct LocalRunName: Sendable, Hashable {
  /// The pipeline's name (the folder name without the time).
  public var pipeline: String
  /// When the run started, read in `timeZone` (the machine's local time, as written).
  public var createdAt: Date

  /// Reads `name`; `nil` when it does not end in `kfp.local`'s timestamp.
  public init?(_ name: String, timeZone: TimeZone = .current) {
    // "-2026-12-04-15-00-13-732118": 27 characters, digits in fixed places.
    let bytes = Array(name.utf8)
    let suffixLength = 27
    guard bytes.count > suffixLength else { return nil }
    let suffix = bytes[(bytes.count - suffixLength)...]
    let digitGroups = [4, 2, 2, 2, 2, 2, 6]
    var numbers: [Int] = []
    var index = suffix.startIndex
    for length in digitGroups {
      guard suffix[index] == UInt8(ascii: "-") else { return nil }
      index += 1
      var value = 0
      for byte in suffix[index..<index + length] {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      numbers.append(value)
      index += length
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = DateComponents(
      year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4],
      second: numbers[5])
    guard (1...12).contains(numbers[1]), (1...31).contains(numbers[2]), numbers[3] < 24,
      numbers[4] < 60, numbers[5] < 61, let date = calendar.date(from: parts)
    else { return nil }
    pipeline = String(decoding: bytes[..<(bytes.count - suffixLength)], as: UTF8.self)
    createdAt = date.addingTimeInterval(Double(numbers[6]) / 1_000_000)
  }
}
