import Foundation

/// A one-shot signal that tasks wait on without blocking a thread of the cooperative pool
/// (a `DispatchSemaphore.wait` there stalls every other test sharing the pool).
public final class Latch: @unchecked Sendable {
  private let lock = NSLock()
  private var fired = false
  private var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
  private var nextWaiter = 0

  /// A latch not yet fired.
  public init() {}

  /// Fires the latch: every wait, now or later, returns `true`.
  public func fire() {
    lock.lock()
    fired = true
    let waiting = waiters.values
    waiters = [:]
    lock.unlock()
    for waiter in waiting { waiter.resume(returning: true) }
  }

  /// `true` once the latch fires, `false` when `seconds` pass first.
  public func wait(seconds: Double) async -> Bool {
    await withCheckedContinuation { continuation in
      lock.lock()
      if fired {
        lock.unlock()
        continuation.resume(returning: true)
        return
      }
      let id = nextWaiter
      nextWaiter += 1
      waiters[id] = continuation
      lock.unlock()
      DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
        lock.lock()
        let waiter = waiters.removeValue(forKey: id)
        lock.unlock()
        waiter?.resume(returning: false)
      }
    }
  }
}

/// Runs `body` on a thread of its own and waits at most `seconds`; `nil` when it did not finish,
/// so a test of something that must never block fails instead of hanging.
public func withTimeout<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () -> T) async
  -> T?
{
  let done = Latch()
  let box = ResultBox<T>()
  Thread.detachNewThread {
    box.value = body()
    done.fire()
  }
  guard await done.wait(seconds: seconds) else { return nil }
  return box.value
}

/// Holds a result across threads; the latch orders the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
  var value: T?
}

/// Runs blocking work (a child process waited on, a pipe read to its end) on a thread of its
/// own, so the cooperative pool stays free for the tests running beside it.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
  }
}
