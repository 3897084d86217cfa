import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// The application on a thread of its own: the terminal is taken and given back there.
@Suite struct AppLoopThreadTests {
  /// What happened to the terminal, and on which thread.
  final class Journal: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [String] = []

    func note(_ event: String) {
      lock.lock()
      events.append(event)
      lock.unlock()
    }

    var all: [String] {
      lock.lock()
      defer { lock.unlock() }
      return events
    }
  }

  struct Refused: Error, Equatable {}

  static func state() -> AppState {
    AppState(sourceDescription: "runs/", options: RenderOptions(color: false))
  }

  /// The loop runs between `open` and `close`, all on one thread, and the status it ends with
  /// is returned.
  @Test func theTerminalIsOpenedUsedAndClosedOnOneThread() async throws {
    let journal = Journal()
    let backend = ScriptedBackend([
      .run { _ in journal.note("loop on \(Self.thread())") }, .key(.character("q")),
    ])
    let status = try await AppLoop.runOnOwnThread(
      state: Self.state(),
      open: { () throws(Refused) in
        journal.note("open on \(Self.thread())")
        return backend
      },
      close: { closed in
        journal.note("close after \(closed.frames.count) frames on \(Self.thread())")
      },
      load: { _ in LoadResult() }, export: { job in .failed(path: job.path, reason: "unused") })
    #expect(status == 0)
    let thread = try #require(journal.all.first?.split(separator: " ").last)
    #expect(
      journal.all == [
        "open on \(thread)", "loop on \(thread)",
        "close after \(backend.frames.count) frames on \(thread)",
      ])
    #expect(backend.frames.count > 0)
  }

  /// The calling thread, as a number.
  static func thread() -> Int { ObjectIdentifier(Thread.current).hashValue }

  /// A terminal that cannot be opened is the caller's error; nothing is closed.
  @Test func aTerminalThatCannotOpenThrows() async {
    let journal = Journal()
    await #expect(throws: Refused()) {
      _ = try await AppLoop.runOnOwnThread(
        state: Self.state(),
        open: { () throws(Refused) -> ScriptedBackend in throw Refused() },
        close: { _ in journal.note("close") },
        load: { _ in LoadResult() }, export: { job in .failed(path: job.path, reason: "unused") })
    }
    #expect(journal.all.isEmpty)
  }
}
