/// Tells a terminal that went away from a quiet one: a terminal that hung up fails every read
/// at once instead of waiting for the timeout, and no SIGHUP comes to a process outside the
/// terminal's session.
public struct LostInput: Sendable {
  /// Reads in a row that failed at once.
  private var immediateFailures = 0

  /// No read yet.
  public init() {}

  /// Whether input is gone: many reads in a row failed without waiting.
  public var isLost: Bool { immediateFailures >= 50 }

  /// Notes a read that got an input event (even one the application has no use for).
  public mutating func readSucceeded() { immediateFailures = 0 }

  /// Notes a read that got nothing after `waited` of its `timeout` milliseconds (a negative
  /// timeout waits forever): failing in under a quarter of the timeout counts as at once.
  public mutating func readFailed(waited: Int, timeout: Int) {
    immediateFailures = timeout > 0 && waited < timeout / 4 ? immediateFailures + 1 : 0
  }
}
