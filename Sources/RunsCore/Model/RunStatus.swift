/// The phase of a KFP run, as the v1beta1 API reports it.
public enum RunStatus: String, Sendable, Hashable, CaseIterable {
  case pending = "Pending"
  case running = "Running"
  case succeeded = "Succeeded"
  case skipped = "Skipped"
  case failed = "Failed"
  case error = "Error"
  case terminating = "Terminating"
  case unknown = "Unknown"

  /// Reads a status string case-insensitively; anything unrecognised is `.unknown`.
  public init(wireValue: String) {
    let lowered = wireValue.lowercased()
    self = Self.allCases.first { $0.rawValue.lowercased() == lowered } ?? .unknown
  }
}
