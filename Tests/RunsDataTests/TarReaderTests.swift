import Testing

@testable import RunsData

/// Tar headers written byte by byte: what `tarfile` and `tar` would never write, but a hostile
/// `.tgz` may hold.
@Suite struct TarReaderTests {
  /// A 512-byte ustar header with a valid checksum, followed by `data` padded to a block.
  private func member(_ name: String, type: Character, data: [UInt8]) -> [UInt8] {
    var header = [UInt8](repeating: 0, count: 512)
    func put(_ text: String, at offset: Int) {
      for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
    }
    put(name, at: 0)
    put("0000644", at: 100)
    put(String(data.count, radix: 8).leftPadded(to: 11), at: 124)
    header[156] = type.utf8.first ?? 0
    put("ustar", at: 257)
    put("00", at: 263)
    let sum = header.enumerated().reduce(0) { sum, pair in
      sum + ((148..<156).contains(pair.offset) ? 32 : Int(pair.element))
    }
    put(String(sum, radix: 8).leftPadded(to: 6) + "\0 ", at: 148)
    let padding = (512 - data.count % 512) % 512
    return header + data + [UInt8](repeating: 0, count: padding)
  }

  private let end = [UInt8](repeating: 0, count: 1024)

  @Test func aPaxPathNamesTheNextMember() throws {
    let record = Array("30 path=deep/metrics-file.json\n".utf8)
    let archive =
      member("PaxHeader", type: "x", data: record)
      + member("short", type: "0", data: Array("{}".utf8)) + end
    let members = try TarReader.members(archive).get()
    #expect(members.map(\.name) == ["deep/metrics-file.json"])
    #expect(Array(members[0].bytes) == Array("{}".utf8))
  }

  /// Found by the `archive` fuzz target: a record length shorter than the length's own digits
  /// crashed the reader (a range whose end came before its start).
  @Test func aPaxRecordShorterThanItsLengthIsIgnored() throws {
    for record in ["1 path=x\n", "3 path=x\n", "0 path=x\n", "99 path=x\n"] {
      let archive =
        member("PaxHeader", type: "x", data: Array(record.utf8))
        + member("plain.json", type: "0", data: Array("{}".utf8)) + end
      let members = try TarReader.members(archive).get()
      #expect(members.map(\.name) == ["plain.json"], "\(record.debugDescription)")
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
