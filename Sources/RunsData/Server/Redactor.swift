import Foundation

/// Removes credentials and control characters from text that reaches a person.
///
/// Server messages are untrusted text: a proxy may echo request headers, and any text may hold
/// escape sequences, so every message passes through `clean` before it becomes a problem.
struct Redactor: Sendable {
  private let secrets: [String]

  /// Creates a redactor for the token and the cookie (and each value inside the cookie).
  init(token: String?, cookie: String?) {
    var secrets: [String] = []
    if let token, !token.isEmpty { secrets.append(token) }
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
  /// to `limit` characters.
  func clean(_ text: String, limit: Int = 300) -> String {
    var result = text
    for secret in secrets {
      result = result.replacingOccurrences(of: secret, with: "[redacted]")
    }
    result = ServerText.plain(result)
    if result.count > limit {
      result = String(result.prefix(limit - 1)) + "…"
    }
    return result
  }
}
