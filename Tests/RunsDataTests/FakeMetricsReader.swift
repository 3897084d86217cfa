import Foundation
import RunsCore
import RunsData

/// A stand-in ML Metadata store: metrics by run id, scripted failures, a delay per call, and a
/// count of calls in flight.
final class FakeMetricsReader: RunMetricsReader, @unchecked Sendable {
  static let location = "http://127.0.0.1:1/mlmd"
  var location: String { Self.location }
  private let lock = NSLock()
  private var failures: [String: [RunMetricsFailure]]
  private let answer: @Sendable (String) -> V2RunMetrics?
  private let delay: TimeInterval
  private var inFlight = 0
  private(set) var mostInFlight = 0
  /// The run ids of each call, in call order.
  private(set) var calls: [[String]] = []

  /// A call naming run `id` throws the next of `failures[id]`; else each run's metrics are
  /// `answer(id)` (`nil`: no record).
  init(
    failures: [String: [RunMetricsFailure]] = [:], delay: TimeInterval = 0,
    answer: @escaping @Sendable (String) -> V2RunMetrics? = FakeMetricsReader.accuracy
  ) {
    self.failures = failures
    self.delay = delay
    self.answer = answer
  }

  /// Every run has `accuracy` from `train > metrics`, from its id's last digits.
  static let accuracy: @Sendable (String) -> V2RunMetrics? = { id in
    let number = Double(id.suffix(2)) ?? 0
    return V2RunMetrics(
      metrics: [
        Metric(name: "accuracy", nodeID: "train > metrics", value: number / 100, format: .v2Number)
      ], notes: ["task train: cached (outputs of an earlier run)"])
  }

  func metrics(ofRuns ids: [String]) async throws(RunMetricsFailure) -> [String: V2RunMetrics] {
    let failure: RunMetricsFailure? = lock.withLock {
      calls.append(ids)
      inFlight += 1
      mostInFlight = max(mostInFlight, inFlight)
      guard let id = ids.first(where: { failures[$0]?.isEmpty == false }) else { return nil }
      return failures[id]!.removeFirst()
    }
    if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
    lock.withLock { inFlight -= 1 }
    if let failure { throw failure }
    var found: [String: V2RunMetrics] = [:]
    for id in ids { found[id] = answer(id) }
    return found
  }

  static let unavailable = RunMetricsFailure(
    message: "gRPC UNAVAILABLE: upstream connect error", isTransient: true)
  static let refused = RunMetricsFailure(
    message: "could not connect (Connection refused)", isTransient: true)
  static let denied = RunMetricsFailure(
    message: "gRPC PERMISSION_DENIED: RBAC: access denied", isTransient: false,
    isUnauthorized: true)
}
