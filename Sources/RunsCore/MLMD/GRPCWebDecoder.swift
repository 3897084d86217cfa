/// One frame of a gRPC-web body.
public enum GRPCWebFrame: Sendable, Hashable {
  /// A data frame (flag 0x00): one protobuf message.
  case message([UInt8])
  /// The trailer frame (flag 0x80): `key:value` lines, keys lower-cased.
  case trailers([String: String])
}

/// Why a gRPC-web body could not be read.
public struct GRPCWebFramingError: Error, Sendable, Hashable {
  /// One sentence, e.g. `a frame promises 2147483647 bytes, more than the 67108864 allowed`.
  public var reason: String
}

/// Splits a binary gRPC-web body (`application/grpc-web+proto`) into frames, incrementally:
/// bytes go in as they arrive, whole frames come out, a frame split across reads waits for the
/// rest.
///
/// A frame is a flag byte, a 4-byte big-endian length and that many bytes. A length above
/// `maxFrameLength` is refused before anything is buffered, so a lying header cannot make the
/// decoder hold gigabytes.
public struct GRPCWebDecoder: Sendable {
  /// The default cap on one frame's length: 64 MiB, as the HTTP client's cap on an answer.
  public static let defaultMaxFrameLength = 64 << 20

  /// The longest frame accepted.
  public let maxFrameLength: Int
  private var buffer: [UInt8] = []
  private var sawTrailers = false
  private var failed: GRPCWebFramingError?

  /// A decoder refusing frames longer than `maxFrameLength` bytes.
  public init(maxFrameLength: Int = defaultMaxFrameLength) {
    self.maxFrameLength = max(0, maxFrameLength)
  }

  /// Whether the trailer frame arrived.
  public var hasTrailers: Bool { sawTrailers }

  /// Feeds the next bytes of the body; returns every frame they complete. After an error the
  /// decoder stays failed.
  public mutating func append(_ bytes: some Collection<UInt8>) throws(GRPCWebFramingError)
    -> [GRPCWebFrame]
  {
    if let failed { throw failed }
    buffer.append(contentsOf: bytes)
    var frames: [GRPCWebFrame] = []
    var start = 0
    defer { buffer.removeFirst(start) }
    while buffer.count - start >= 5 {
      let flag = buffer[start]
      let length =
        Int(buffer[start + 1]) << 24 | Int(buffer[start + 2]) << 16 | Int(buffer[start + 3]) << 8
        | Int(buffer[start + 4])
      if let problem = check(flag: flag, length: length) {
        failed = GRPCWebFramingError(reason: problem)
        buffer = []
        start = 0
        throw failed!
      }
      guard buffer.count - start - 5 >= length else { break }
      let payload = Array(buffer[(start + 5)..<(start + 5 + length)])
      start += 5 + length
      if flag & 0x80 != 0 {
        sawTrailers = true
        frames.append(.trailers(Self.trailers(payload)))
      } else {
        frames.append(.message(payload))
      }
    }
    return frames
  }

  /// Ends the body: a frame left half-read is an error (the answer was cut off).
  public func finish() throws(GRPCWebFramingError) {
    if let failed { throw failed }
    guard buffer.isEmpty else {
      throw GRPCWebFramingError(
        reason: buffer.count < 5
          ? "the answer ends inside a frame header (\(buffer.count) of 5 bytes)"
          : "the answer ends inside a frame (\(buffer.count - 5) of \(promisedLength) bytes)")
    }
  }

  private var promisedLength: Int {
    Int(buffer[1]) << 24 | Int(buffer[2]) << 16 | Int(buffer[3]) << 8 | Int(buffer[4])
  }

  private func check(flag: UInt8, length: Int) -> String? {
    if sawTrailers { return "a frame follows the trailers" }
    if flag & 0x01 != 0 { return "a frame is compressed, but no compression was asked for" }
    if flag & 0x7E != 0 { return "a frame has the unknown flag 0x\(String(flag, radix: 16))" }
    if length > maxFrameLength {
      return "a frame promises \(length) bytes, more than the \(maxFrameLength) allowed"
    }
    return nil
  }

  /// Parses trailer lines `key:value` (CRLF or LF); keys lower-cased, values trimmed.
  public static func trailers(_ payload: [UInt8]) -> [String: String] {
    var result: [String: String] = [:]
    for line in payload.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
      guard let colon = line.firstIndex(of: 0x3A) else { continue }
      let key = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
        .trimmingSpaces().lowercased()
      let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces()
      if !key.isEmpty, result[key] == nil { result[key] = value }
    }
    return result
  }
}

extension String {
  /// Without leading and trailing spaces and tabs.
  fileprivate func trimmingSpaces() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
    let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
    return String(scalars[first...last])
  }
}
