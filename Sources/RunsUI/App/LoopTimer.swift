import Foundation

/// Something the application loop does every `interval` seconds of its clock, e.g. redraw so
/// times on screen stay current. A timer that changes the state returns true, and the frame
/// is drawn again.
public struct LoopTimer: Sendable {
  /// Seconds between firings.
  public var interval: TimeInterval
  /// Called with the state and the moment; returns what the loop must do and whether to redraw.
  public var fire: @Sendable (inout AppState, Date) -> (effect: AppEffect, redraw: Bool)

  /// A timer firing every `interval` seconds.
  public init(
    interval: TimeInterval,
    fire: @escaping @Sendable (inout AppState, Date) -> (effect: AppEffect, redraw: Bool)
  ) {
    self.interval = interval
    self.fire = fire
  }

  /// Redraws every second, so times on screen (durations of running runs) stay current.
  public static let clock = LoopTimer(interval: 1) { _, _ in (.none, true) }
}
