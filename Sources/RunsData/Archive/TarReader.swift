/// Reads the members of a tar archive (POSIX ustar, GNU and pax) held in memory. Nothing is
/// written anywhere: this only lists each member's name, kind and bytes.
enum TarReader {
  /// One archive member.
  struct Member: Equatable {
    enum Kind: Equatable {
      case file
      case directory
      case symbolicLink(target: String)
      case hardLink(target: String)
      case other(typeFlag: UInt8)
    }

    var name: String
    var kind: Kind
    /// The member's contents (empty for anything but a file).
    var bytes: ArraySlice<UInt8>
  }

  /// Why an archive could not be read, as the end of a sentence about the file.
  enum Failure: Error, Equatable {
    case truncated
    case badHeader(offset: Int)
    case notTar(size: Int)

    var text: String {
      switch self {
      case .truncated: "is truncated: the tar archive inside ends in the middle of a member"
      case .badHeader(let offset):
        offset == 0
          ? "holds no tar archive (its first header is not one)"
          : "holds a damaged tar archive (the header at byte \(offset) is not one)"
      case .notTar(let size): "holds \(size) bytes, too few for a tar archive"
      }
    }
  }

  private static let blockSize = 512

  /// Every member of `archive`, in order; GNU long names and pax `path` records are applied to
  /// the member that follows them.
  static func members(_ archive: [UInt8]) -> Result<[Member], Failure> {
    var members: [Member] = []
    var offset = 0
    var longName: String?
    while offset + blockSize <= archive.count {
      let header = archive[offset..<offset + blockSize]
      if header.allSatisfy({ $0 == 0 }) { return .success(members) }
      guard checksumMatches(header), let size = number(header, at: 124, length: 12) else {
        return .failure(.badHeader(offset: offset))
      }
      let dataStart = offset + blockSize
      guard size <= archive.count - dataStart else { return .failure(.truncated) }
      let data = archive[dataStart..<dataStart + size]
      offset = dataStart + (size + blockSize - 1) / blockSize * blockSize
      let typeFlag = header[header.startIndex + 156]
      switch typeFlag {
      case UInt8(ascii: "L"):
        longName = text(data)
        continue
      case UInt8(ascii: "x"):
        if let path = paxPath(data) { longName = path }
        continue
      case UInt8(ascii: "g"):
        continue
      default:
        break
      }
      let name = longName ?? fullName(header)
      longName = nil
      let target = field(header, at: 157, length: 100)
      let kind: Member.Kind
      switch typeFlag {
      case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): kind = .file
      case UInt8(ascii: "5"): kind = .directory
      case UInt8(ascii: "2"): kind = .symbolicLink(target: target)
      case UInt8(ascii: "1"): kind = .hardLink(target: target)
      default: kind = .other(typeFlag: typeFlag)
      }
      members.append(Member(name: name, kind: kind, bytes: kind == .file ? data : []))
    }
    if offset == 0, !archive.isEmpty { return .failure(.notTar(size: archive.count)) }
    // No end-of-archive blocks: what was read is complete only when it ends on a boundary.
    return offset == archive.count ? .success(members) : .failure(.truncated)
  }

  /// `prefix/name` of a ustar header (the prefix is empty in older formats).
  private static func fullName(_ header: ArraySlice<UInt8>) -> String {
    let name = field(header, at: 0, length: 100)
    let isUstar = header[header.startIndex + 257..<header.startIndex + 262].elementsEqual(
      "ustar".utf8)
    let prefix = isUstar ? field(header, at: 345, length: 155) : ""
    return prefix.isEmpty ? name : prefix + "/" + name
  }

  private static func field(_ header: ArraySlice<UInt8>, at start: Int, length: Int) -> String {
    text(header[header.startIndex + start..<header.startIndex + start + length])
  }

  /// Bytes up to the first NUL, as UTF-8 (invalid bytes replaced).
  private static func text(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
  }

  /// An octal number field (NUL or space terminated), or GNU's base-256 form.
  private static func number(_ header: ArraySlice<UInt8>, at start: Int, length: Int) -> Int? {
    let bytes = header[header.startIndex + start..<header.startIndex + start + length]
    if let first = bytes.first, first & 0x80 != 0 {
      var value = 0
      for byte in bytes.dropFirst() {
        guard value < Int.max >> 9 else { return nil }
        value = value << 8 | Int(byte)
      }
      return first == 0x80 ? value : nil
    }
    var value = 0
    var digits = 0
    for byte in bytes {
      if byte == 0 || byte == UInt8(ascii: " ") {
        if digits > 0 { break }
        continue
      }
      guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte), value < Int.max >> 4 else {
        return nil
      }
      value = value << 3 | Int(byte - UInt8(ascii: "0"))
      digits += 1
    }
    return value
  }

  /// The header checksum: the sum of its bytes with the checksum field read as spaces.
  private static func checksumMatches(_ header: ArraySlice<UInt8>) -> Bool {
    guard let stored = number(header, at: 148, length: 8) else { return false }
    var sum = 0
    for (index, byte) in header.enumerated() {
      sum += (148..<156).contains(index) ? Int(UInt8(ascii: " ")) : Int(byte)
    }
    return sum == stored
  }

  /// The `path` record of a pax extended header (`"LEN path=VALUE\n"` records).
  private static func paxPath(_ data: ArraySlice<UInt8>) -> String? {
    var rest = data[...]
    while let space = rest.firstIndex(of: UInt8(ascii: " ")),
      let length = Int(String(decoding: rest[rest.startIndex..<space], as: UTF8.self)),
      // The length counts its own digits and the space: a shorter one is malformed.
      length > space - rest.startIndex, length <= rest.count
    {
      let record = rest[(space + 1)..<(rest.startIndex + length)]
      let body = record.last == UInt8(ascii: "\n") ? record.dropLast() : record
      if let equals = body.firstIndex(of: UInt8(ascii: "=")),
        String(decoding: body[body.startIndex..<equals], as: UTF8.self) == "path"
      {
        return String(decoding: body[(equals + 1)...], as: UTF8.self)
      }
      rest = rest[(rest.startIndex + length)...]
    }
    return nil
  }
}
