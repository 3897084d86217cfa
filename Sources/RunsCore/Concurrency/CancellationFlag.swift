import Synchronization

/// A task's cancellation, readable from threads that are not the task's (the workers of
/// `ConcurrentMap`, where `Task.isCancelled` is always false).
package final class CancellationFlag: Sendable {
  private let cancelled = Atomic(false)

  package init() {}

  /// Whether the task was cancelled.
  package var isSet: Bool { cancelled.load(ordering: .relaxed) }

  /// Runs `operation`, setting the flag as soon as the calling task is cancelled.
  package func whileCancellable<Value>(_ operation: () async -> Value) async -> Value {
    await withTaskCancellationHandler(operation: operation) {
      self.cancelled.store(true, ordering: .relaxed)
    }
  }
}
