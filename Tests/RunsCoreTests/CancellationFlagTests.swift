import Testing

@testable import RunsCore

/// The flag follows its task's cancellation, so threads outside the task can see it.
@Suite struct CancellationFlagTests {
  @Test func cancellingTheTaskSetsTheFlag() async {
    let flag = CancellationFlag()
    let started = AsyncStream<Void>.makeStream()
    let task = Task {
      await flag.whileCancellable {
        started.continuation.yield()
        while !flag.isSet { await Task.yield() }
        return flag.isSet
      }
    }
    for await _ in started.stream { break }
    #expect(!flag.isSet)
    task.cancel()
    #expect(await task.value)
  }

  @Test func aTaskNotCancelledLeavesTheFlagClear() async {
    let flag = CancellationFlag()
    let value = await flag.whileCancellable { 42 }
    #expect(value == 42)
    #expect(!flag.isSet)
  }
}
