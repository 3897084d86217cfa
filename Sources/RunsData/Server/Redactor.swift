import Foundation

/// Removes credentials and control characters from text that reaches a person.
///
/// Server messages are untrusted text: a proxy may echo request headers, and any text may hold
/// escape sequences, so every message passes through `clean` before it becomes a problem.
public struct Redactor: Sendable {
  private let secrets: [String]

  /// Creates a redactor for the token, the cookie (and each value inside the cookie) and a
  /// password (a URL's).
  public init(token: String?, cookie: String?, password: String? = nil) {
    var secrets: [String] = []
    if let token, !token.isEmpty { secrets.append(token) }
    if let password, !password.isEmpty { secrets.append(password) }
    if let cookie, !cookie.isEmpty {
      secrets.append(cookie)
      for pair in cookie.split(separator: ";") {
        let parts = pair.split(separator: "=", maxSplits: 1)
        if parts.count == 2 {
          let value = parts[1].trimmingCharacters(in: .whitespaces)
          // Short values ("1", "en") are not secrets and would mangle ordinary words.
          if value.count >= 8 { secrets.append(value) }
        }
      }
    }
    // Longest first, so a secret containing another is replaced whole.
    self.secrets = secrets.sorted { $0.count > $1.count }
  }

  /// `text` with every secret replaced by `[redacted]` and control characters removed, cut
  /// to `limit` characters. A secret is found as written and percent-encoded (a server that
  /// quotes a URL or a header may encode it: `a+b/c` as `a%2Bb%2Fc`, any mix, either case).
  func clean(_ text: String, limit: Int = 300) -> String {
    var result = ServerText.plain(redacting(text))
    if result.count > limit {
      result = String(result.prefix(limit - 1)) + "…"
    }
    return result
  }

  /// Whether there is any secret to look for.
  public var isEmpty: Bool { secrets.isEmpty }

  /// `text` with every secret replaced by `[redacted]`, nothing else changed.
  public func redacting(_ text: String) -> String {
    var result = text
    for secret in secrets {
      result = Self.replacing(secret, in: result)
    }
    return result
  }

  /// `text` with the password of every URL in it (`scheme://user:PASSWORD@host`) replaced by
  /// `[redacted]`, whether or not the URL is valid: messages quote URLs that failed to parse.
  public static func redactingURLPasswords(_ text: String) -> String {
    guard text.contains("://") else { return text }
    var bytes = Array(text.utf8)
    var searchFrom = 0
    while let start = firstSchemeSeparator(in: bytes, from: searchFrom) {
      let userStart = start + 3
      var end = userStart
      var colon: Int?
      // The user information ends at `@`; a `/`, `?`, `#`, quote or control first means
      // there is none. A space does not end it: an invalid URL may have one in its password.
      scan: while end < bytes.count {
        switch bytes[end] {
        case UInt8(ascii: "@"): break scan
        case UInt8(ascii: ":"): colon = colon ?? end
        case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "\""),
          UInt8(ascii: "'"), 0..<0x20:
          end = bytes.count
          break scan
        default: break
        }
        end += 1
      }
      if end < bytes.count, let colon {
        bytes.replaceSubrange((colon + 1)..<end, with: replacement)
        searchFrom = colon + 1 + replacement.count
      } else {
        searchFrom = userStart
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func firstSchemeSeparator(in bytes: [UInt8], from start: Int) -> Int? {
    var index = start
    while index + 2 < bytes.count {
      if bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"),
        bytes[index + 2] == UInt8(ascii: "/")
      {
        return index
      }
      index += 1
    }
    return nil
  }

  static let replacement = Array("[redacted]".utf8)

  /// `text` with every occurrence of `secret` (each byte literal or `%XX`-encoded, a space
  /// also as `+`) replaced.
  static func replacing(_ secret: String, in text: String) -> String {
    let needle = Array(secret.utf8)
    let bytes = Array(text.utf8)
    guard let first = needle.first, bytes.contains(where: { $0 == first || $0 == 0x25 }) else {
      return text
    }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = 0
    var changed = false
    while index < bytes.count {
      if let end = match(needle, in: bytes, at: index) {
        output += replacement
        index = end
        changed = true
      } else {
        output.append(bytes[index])
        index += 1
      }
    }
    return changed ? String(decoding: output, as: UTF8.self) : text
  }

  /// Where a match of `needle` starting at `start` ends, or `nil` when there is none there.
  private static func match(_ needle: [UInt8], in bytes: [UInt8], at start: Int) -> Int? {
    var position = start
    for expected in needle {
      guard position < bytes.count else { return nil }
      let byte = bytes[position]
      if byte == expected {
        position += 1
      } else if byte == 0x25, position + 2 < bytes.count,
        let high = hexValue(bytes[position + 1]), let low = hexValue(bytes[position + 2]),
        high << 4 | low == expected
      {
        position += 3
      } else if byte == UInt8(ascii: "+"), expected == UInt8(ascii: " ") {
        position += 1
      } else {
        return nil
      }
    }
    return position
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
