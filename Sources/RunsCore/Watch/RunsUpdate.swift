import Foundation

/// What one watch cycle found: the runs to put in place (new or changed, whole), the runs gone,
/// what changed about them, and the source's problems when they changed.
public struct RunsUpdate: Sendable {
  /// New and changed runs, each whole, replacing the run with the same id.
  public var replaced: [Run]
  /// The ids of runs no longer in the source.
  public var removed: [String]
  /// What changed, run by run (a run re-read without a visible change has none).
  public var changes: [RunChange]
  /// Every current problem of the source, when they differ from the last cycle's.
  public var problems: [Problem]?
  /// A sentence to show once, e.g. that notifications gave way to scanning.
  public var notice: String?
  /// When the source has been failing since, `nil` while it answers.
  public var offlineSince: Date?

  /// Creates an update.
  public init(
    replaced: [Run] = [], removed: [String] = [], changes: [RunChange] = [],
    problems: [Problem]? = nil, notice: String? = nil, offlineSince: Date? = nil
  ) {
    self.replaced = replaced
    self.removed = removed
    self.changes = changes
    self.problems = problems
    self.notice = notice
    self.offlineSince = offlineSince
  }

  /// Whether the update changes nothing on screen.
  public var isEmpty: Bool {
    replaced.isEmpty && removed.isEmpty && problems == nil && notice == nil
  }
}

/// A source being watched: one full load, then updates as the source changes.
public protocol RunsWatch: AnyObject, Sendable {
  /// Loads every run once and starts watching.
  func start() async -> LoadResult
  /// Waits for the next cycle (at most about a second, so callers can stop) and returns what
  /// changed since the last one; an empty update when nothing did.
  func next() async -> RunsUpdate
}
