import Foundation
import RunsCore

/// Watch updates handed from the watching task to the loop's thread.
final class WatchInbox: @unchecked Sendable {
  private let lock = NSLock()
  private var updates: [RunsUpdate] = []

  /// Keeps `update` for the loop; an update that changes nothing is not kept.
  func post(_ update: RunsUpdate) {
    guard !update.isEmpty || update.offlineSince != nil else { return }
    lock.lock()
    updates.append(update)
    lock.unlock()
  }

  /// Everything posted since the last call, oldest first.
  func take() -> [RunsUpdate] {
    lock.lock()
    defer { lock.unlock() }
    let taken = updates
    updates.removeAll()
    return taken
  }
}
