import Foundation
import RunsCore

/// Reads KFP 2.x runs' metrics from where KFP 2.x keeps them (ML Metadata), a batch of runs
/// at a time.
///
/// The server source fetches through this, so tests can stand in any store or failure.
public protocol RunMetricsReader: Sendable {
  /// Where the metrics come from, for messages (no credentials).
  var location: String { get }
  /// The runs' metrics by run id; a run the store has no record of (a KFP v1 run, or one not
  /// started yet) is absent.
  func metrics(ofRuns ids: [String]) async throws(RunMetricsFailure) -> [String: V2RunMetrics]
}

/// Why a batch of runs' metrics could not be read.
public struct RunMetricsFailure: Error, Sendable, Hashable {
  /// One sentence without location, e.g. `gRPC PERMISSION_DENIED: RBAC: access denied`.
  public var message: String
  /// Whether trying again soon may help (UNAVAILABLE, 502, a refused connection, …).
  public var isTransient: Bool
  /// Whether the store refused the credentials (401, 403, PERMISSION_DENIED, UNAUTHENTICATED).
  public var isUnauthorized: Bool

  /// Creates a failure.
  public init(message: String, isTransient: Bool, isUnauthorized: Bool = false) {
    self.message = message
    self.isTransient = isTransient
    self.isUnauthorized = isUnauthorized
  }
}
