/// A gRPC status: its code and message, from trailers or trailers-only headers.
public struct GRPCStatus: Sendable, Hashable {
  /// The code (0 OK, 14 UNAVAILABLE, …).
  public var code: Int
  /// The `grpc-message`, percent-decoded.
  public var message: String

  /// Creates a status.
  public init(code: Int, message: String = "") {
    self.code = code
    self.message = message
  }

  /// The code's name as gRPC spells it: `UNAVAILABLE`, `PERMISSION_DENIED`, …
  public var name: String {
    let names = [
      "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
      "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
      "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
      "UNAUTHENTICATED",
    ]
    return names.indices.contains(code) ? names[code] : "code \(code)"
  }

  /// Whether trying again may help: UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED.
  public var isTransient: Bool { [14, 4, 8].contains(code) }

  /// Reads `grpc-status` and `grpc-message` from `fields` (trailers or headers, keys
  /// lower-cased); `nil` when there is no `grpc-status`. A status that is not a number is
  /// UNKNOWN (2), as gRPC treats it.
  public init?(fields: [String: String]) {
    guard let text = fields["grpc-status"] else { return nil }
    code = Int(text) ?? 2
    message = Self.percentDecoded(fields["grpc-message"] ?? "")
  }

  /// `grpc-message` is percent-encoded (`RBAC%3A access denied`).
  static func percentDecoded(_ text: String) -> String {
    var bytes: [UInt8] = []
    let utf8 = Array(text.utf8)
    var index = 0
    while index < utf8.count {
      if utf8[index] == 0x25, index + 2 < utf8.count,
        let high = hexDigit(utf8[index + 1]), let low = hexDigit(utf8[index + 2])
      {
        bytes.append(high << 4 | low)
        index += 3
      } else {
        bytes.append(utf8[index])
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
  }
}
