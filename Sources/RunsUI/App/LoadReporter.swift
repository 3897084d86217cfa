import Foundation
import RunsCore

/// Loads runs in the background for the interactive application: reports batches through the
/// reporter as they arrive and returns the complete result.
public typealias Loader = @Sendable (LoadReporter) async -> LoadResult

/// Hands loading progress from the loading thread to the main loop. Safe from any thread.
public final class LoadReporter: Sendable {
  private let inbox: LoadInbox
  private let generation: Int
  private let counted = Counter()

  init(inbox: LoadInbox, generation: Int) {
    self.inbox = inbox
    self.generation = generation
  }

  /// Reports newly loaded runs (and problems); `loaded` defaults to the runs reported so far,
  /// `total` is what the source says it has, when it says.
  public func report(_ batch: LoadResult, loaded: Int? = nil, total: Int? = nil) {
    let soFar = counted.add(batch.runs.count)
    inbox.post(
      LoadMessage(
        generation: generation, batch: batch, loaded: loaded ?? soFar, total: total,
        finished: false))
  }

  /// Reports the complete result, the load's last report.
  func finish(_ result: LoadResult) {
    defer { counted.finish() }
    inbox.post(
      LoadMessage(
        generation: generation, batch: result, loaded: result.runs.count,
        total: result.runs.count, finished: true))
  }

  /// Whether the load has finished (its result is in the inbox).
  var isFinished: Bool { counted.isFinished }
}

/// One report waiting for the main loop.
struct LoadMessage: Sendable {
  /// Which load it belongs to; reports of a load replaced by a reload are dropped.
  var generation: Int
  var batch: LoadResult
  var loaded: Int
  var total: Int?
  var finished: Bool

  /// The messages as one, in order, so the application rebuilds its tables once per frame
  /// however many batches arrived in between; nil when there are none.
  static func merged(_ messages: [LoadMessage]) -> LoadMessage? {
    guard var merged = messages.first else { return nil }
    for message in messages.dropFirst() {
      merged.batch.runs += message.batch.runs
      merged.batch.experiments += message.batch.experiments
      merged.batch.problems += message.batch.problems
      merged.batch.metricsProgress = message.batch.metricsProgress ?? merged.batch.metricsProgress
      merged.loaded = message.loaded
      merged.total = message.total
      merged.finished = merged.finished || message.finished
    }
    return merged
  }
}

/// The lock-protected queue between the loading thread and the main loop.
final class LoadInbox: @unchecked Sendable {
  private let lock = NSLock()
  private var messages: [LoadMessage] = []

  func post(_ message: LoadMessage) {
    lock.lock()
    messages.append(message)
    lock.unlock()
  }

  /// Everything posted since the last call, oldest first.
  func take() -> [LoadMessage] {
    lock.lock()
    defer { lock.unlock() }
    let taken = messages
    messages.removeAll()
    return taken
  }
}

/// A running total shared between threads, and whether the load is over.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var total = 0
  private var finished = false

  func add(_ count: Int) -> Int {
    lock.lock()
    defer { lock.unlock() }
    total += count
    return total
  }

  func finish() {
    lock.lock()
    finished = true
    lock.unlock()
  }

  var isFinished: Bool {
    lock.lock()
    defer { lock.unlock() }
    return finished
  }
}
