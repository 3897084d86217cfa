/// How bad a problem is: an error loses data, a warning only points something out.
public enum Severity: String, Sendable, Hashable, Comparable {
  case error
  case warning

  public static func < (lhs: Severity, rhs: Severity) -> Bool {
    lhs == .error && rhs == .warning
  }
}

/// A file, entry or request that could not be used (or only partly), and why.
public struct Problem: Sendable, Hashable {
  /// Where: a file path, or a URL without credentials.
  public var location: String
  /// The 0-based index of the metric entry in its file, when the problem is about one entry.
  public var entry: Int?
  /// Error or warning.
  public var severity: Severity
  /// One sentence saying what is wrong (already free of control characters).
  public var message: String
  /// The id of the run the problem is about, when it is about one (`Enter` in the problems
  /// list goes to it).
  public var runID: String?

  /// Creates a problem.
  public init(
    location: String, entry: Int? = nil, severity: Severity, message: String,
    runID: String? = nil
  ) {
    self.location = location
    self.entry = entry
    self.severity = severity
    self.message = message
    self.runID = runID
  }

  /// `PATH[:entry N]: error|warning: message`, the line `kfp-runs check` prints.
  public var line: String {
    let place = entry.map { "\(location):entry \($0)" } ?? location
    return "\(place): \(severity.rawValue): \(message)"
  }
}
