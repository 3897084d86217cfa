import Foundation
import RunsCore

/// Watching the source: whether it is on, when it last brought something, and the change
/// markers each changed run shows.
public struct WatchState: Sendable {
  /// What a run shows after a watch cycle changed it.
  public struct Marks: Sendable, Hashable {
    /// The run is new.
    public var added = false
    /// The run's status changed.
    public var statusChanged = false
    /// Each changed metric: `true` when it went up, `false` down; `nil` when it appeared or went.
    public var metrics: [String: Bool?] = [:]
    /// When the change was seen.
    public var since: Date
  }

  /// Markers go after this long, or at the next cycle that brings no change for their run.
  public static let markerLifetime: TimeInterval = 60

  /// The source can be watched (a directory or a server).
  public internal(set) var available = false
  /// The source has been read through its watch, which follows it from then on.
  public internal(set) var started = false
  /// Watching is on (`--watch`, `w`).
  public internal(set) var enabled = false
  /// When the last cycle arrived.
  public internal(set) var updatedAt: Date?
  /// Since when the source has been failing, while it does.
  public internal(set) var offlineSince: Date?
  /// The markers, by run id.
  public internal(set) var marks: [String: Marks] = [:]
  /// Runs removed by watching, for the status bar.
  public internal(set) var removedCount = 0
  /// Updates that arrived while watching was paused, applied when it resumes.
  var held: [RunsUpdate] = []

  /// The markers of run `id` still alive at `now`.
  public func marks(of id: String, at now: Date) -> Marks? {
    guard let marks = marks[id], now.timeIntervalSince(marks.since) < Self.markerLifetime
    else { return nil }
    return marks
  }

  /// How many runs show markers at `now`.
  public func changedCount(at now: Date) -> Int {
    marks.values.filter { now.timeIntervalSince($0.since) < Self.markerLifetime }.count
  }
}
