import Foundation

/// How often and how patiently the KFP client retries transient failures.
public struct RetryPolicy: Sendable, Hashable {
  /// Tries in total, the first one included.
  public var attempts: Int
  /// The wait before the second try; each later wait doubles.
  public var backoff: TimeInterval
  /// The longest wait between tries, also the cap on a server's `Retry-After`.
  public var maxDelay: TimeInterval

  /// Creates a policy.
  public init(attempts: Int = 3, backoff: TimeInterval = 0.5, maxDelay: TimeInterval = 10) {
    self.attempts = max(1, attempts)
    self.backoff = max(0, backoff)
    self.maxDelay = max(0, maxDelay)
  }

  /// Three tries, half a second then one second apart, `Retry-After` honoured up to 10 s.
  public static let standard = RetryPolicy()

  /// The wait after the failed try number `attempt` (1-based): the server's `Retry-After` when
  /// it gave one, else exponential backoff; never more than `maxDelay`.
  public func delay(afterAttempt attempt: Int, retryAfter: TimeInterval?) -> TimeInterval {
    if let retryAfter {
      return min(max(0, retryAfter), maxDelay)
    }
    let exponent = Double(max(0, attempt - 1))
    return min(backoff * pow(2, exponent), maxDelay)
  }

  /// Reads a `Retry-After` header: delay seconds or an HTTP date, relative to `now`.
  public static func retryAfterSeconds(_ header: String?, now: Date = Date()) -> TimeInterval? {
    guard let text = header?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
      return nil
    }
    if let seconds = Double(text), seconds.isFinite {
      return max(0, seconds)
    }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: text) else { return nil }
    return max(0, date.timeIntervalSince(now))
  }
}
