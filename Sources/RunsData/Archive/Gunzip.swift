import CZlib

/// Decompresses a gzip stream with the system zlib, never past a limit: a gzip bomb costs at
/// most `limit` bytes of work, however far it would expand.
enum Gunzip {
  /// Why a stream could not be decompressed, as the end of a sentence about the file.
  enum Failure: Error, Equatable {
    case notGzip(firstBytes: [UInt8])
    case tooLarge(limit: Int)
    case truncated
    case corrupt(String)

    var text: String {
      switch self {
      case .notGzip(let bytes):
        let hex = bytes.prefix(4).map { String($0, radix: 16, uppercase: true) }
        let shown = hex.map { $0.count == 1 ? "0" + $0 : $0 }.joined(separator: " ")
        return bytes.isEmpty
          ? "is empty, not a gzip file" : "is not a gzip file (it starts with bytes \(shown))"
      case .tooLarge(let limit):
        return "expands to more than \(limit >> 20) MiB (a gzip bomb?); not read"
      case .truncated: return "is truncated: the gzip stream ends early"
      case .corrupt(let reason): return "is not a valid gzip stream (\(reason))"
      }
    }
  }

  /// The decompressed bytes of `compressed` (concatenated gzip members are joined, as `gzip -d`
  /// does), or why not.
  static func decompress(_ compressed: [UInt8], limit: Int) -> Result<[UInt8], Failure> {
    guard compressed.count >= 2, compressed[0] == 0x1F, compressed[1] == 0x8B else {
      return .failure(.notGzip(firstBytes: Array(compressed.prefix(4))))
    }
    var stream = z_stream()
    guard czlib_inflate_init_gzip(&stream) == Z_OK else {
      return .failure(.corrupt("zlib could not start"))
    }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    let chunkSize = 64 * 1024
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    return compressed.withUnsafeBufferPointer { input -> Result<[UInt8], Failure> in
      stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!)
      stream.avail_in = UInt32(input.count)
      while true {
        let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
          stream.next_out = buffer.baseAddress
          stream.avail_out = UInt32(chunkSize)
          return inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunkSize - Int(stream.avail_out)
        if output.count + produced > limit { return .failure(.tooLarge(limit: limit)) }
        output += chunk[0..<produced]
        switch status {
        case Z_STREAM_END:
          // Another gzip member may follow; trailing zero padding (some writers add it) ends it.
          let rest = Int(stream.avail_in)
          let restStart = input.count - rest
          if rest == 0 || input[restStart...].allSatisfy({ $0 == 0 }) { return .success(output) }
          guard rest >= 2, input[restStart] == 0x1F, input[restStart + 1] == 0x8B else {
            return .failure(.corrupt("\(rest) bytes of something else follow the gzip data"))
          }
          inflateReset(&stream)
        case Z_OK:
          continue
        case Z_BUF_ERROR:
          // No progress possible: the input ended inside the stream.
          if stream.avail_in == 0 { return .failure(.truncated) }
          continue
        default:
          let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
          return .failure(.corrupt(reason))
        }
      }
    }
  }
}
