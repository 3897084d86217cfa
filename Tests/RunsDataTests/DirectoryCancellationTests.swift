import Foundation
import RunsCore
import Testing

@testable import RunsData

/// A cancelled directory load stops at once: between batches and at every run folder, so
/// reloads pressed in a row never pile up whole-tree reads.
@Suite struct DirectoryCancellationTests {
  /// A tree of `count` run folders, each with one metric.
  static func tree(runs count: Int) throws -> TemporaryTree {
    let tree = try TemporaryTree()
    for index in 0..<count {
      try tree.write(
        "run-\(index)/mlpipeline-metrics.json",
        #"{"metrics": [{"name": "loss", "numberValue": \#(index)}]}"#)
    }
    return tree
  }

  @Test func aLoadCancelledAfterTheFirstBatchReadsNoMore() throws {
    let tree = try Self.tree(runs: DirectorySource.batchSize + 100)
    let cancelled = Flag()
    var batches = 0
    let result = DirectorySource(root: tree.root).load(
      onProgress: { _, _, _ in
        batches += 1
        cancelled.set()
      }, isCancelled: { cancelled.isSet })
    #expect(batches == 1)
    #expect(result.runs.count == DirectorySource.batchSize)
  }

  @Test func aLoadCancelledMidBatchStopsAtTheNextRunFolder() throws {
    let tree = try Self.tree(runs: 300)
    let checks = Flag()
    // Cancelled from the 20th check on: only folders already being read may still finish.
    let result = DirectorySource(root: tree.root).load(
      onProgress: nil, isCancelled: { checks.count() > 20 })
    #expect(result.runs.count < 60)
  }

  @Test func aLoadNeverCancelledReadsEverything() throws {
    let tree = try Self.tree(runs: 30)
    let result = DirectorySource(root: tree.root).load(onProgress: nil, isCancelled: { false })
    #expect(result.runs.count == 30)
    #expect(result.problems.isEmpty)
  }
}

/// A flag and a counter shared with the reading threads.
private final class Flag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  private var counted = 0

  func set() {
    lock.lock()
    value = true
    lock.unlock()
  }

  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return value
  }

  /// Counts one more call; returns the count.
  func count() -> Int {
    lock.lock()
    defer { lock.unlock() }
    counted += 1
    return counted
  }
}
