import Foundation
import RunsCore
import Testing

@testable import RunsData

#if canImport(Glibc)
  import Glibc
#endif

/// The directory watch against real files: each test runs with file notifications and with the
/// stat-only scan.
@Suite struct DirectoryWatchTests {
  enum Mode: String, CaseIterable, CustomStringConvertible {
    case notifications, scan
    var description: String { rawValue }
  }

  private func metrics(_ name: String, _ value: Double) -> String {
    #"{"metrics":[{"name":"\#(name)","numberValue":\#(value),"format":"RAW"}]}"#
  }

  private func watch(_ tree: TemporaryTree, _ mode: Mode) -> DirectoryWatch {
    DirectoryWatch(root: tree.root, interval: 0.05, scanOnly: mode == .scan)
  }

  /// Updates until `done` says the collected ones are enough, or 5 seconds.
  private func updates(
    _ watch: DirectoryWatch, until done: ([RunsUpdate]) -> Bool
  ) -> [RunsUpdate] {
    var collected: [RunsUpdate] = []
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline, !done(collected) {
      let update = watch.nextNow(wait: 0.1)
      if !update.isEmpty { collected.append(update) }
    }
    return collected
  }

  private func value(_ run: Run?, _ name: String) -> Double? { run?.value(of: name) }

  @Test(arguments: Mode.allCases) func aChangedValueIsReadAgain(mode: Mode) throws {
    let tree = try TemporaryTree()
    try tree.write("a/train/mlpipeline-metrics.json", metrics("acc", 0.5))
    try tree.write("b/mlpipeline-metrics.json", metrics("acc", 0.1))
    let watch = watch(tree, mode)
    #expect(watch.startNow().runs.map(\.id) == ["a", "b"])
    #expect(watch.usesNotifications == (mode == .notifications))
    try tree.write("a/train/mlpipeline-metrics.json", metrics("acc", 0.75))
    let seen = updates(watch) { !$0.flatMap(\.replaced).isEmpty }
    let changes = seen.flatMap(\.changes)
    #expect(changes.map(\.kind) == [.metric(name: "acc", old: 0.5, new: 0.75, format: .raw)])
    #expect(seen.flatMap(\.replaced).map(\.id) == ["a"])
    #expect(watch.currentRuns().map { value($0, "acc") } == [0.75, 0.1])
  }

  @Test(arguments: Mode.allCases) func aNewRunFolderWithNestedStepsIsAdded(mode: Mode) throws {
    let tree = try TemporaryTree()
    try tree.write("a/mlpipeline-metrics.json", metrics("acc", 0.5))
    let watch = watch(tree, mode)
    _ = watch.startNow()
    try tree.makeDirectory("c/pipeline/train")
    try tree.write("c/pipeline/train/mlpipeline-metrics.json", metrics("acc", 0.9))
    try tree.write("c/pipeline/eval/mlpipeline-metrics.json", metrics("loss", 0.2))
    let seen = updates(watch) { _ in value(watch.currentRuns().last, "loss") != nil }
    #expect(seen.flatMap(\.changes).first?.kind == .added)
    #expect(watch.currentRuns().map(\.id) == ["a", "c"])
    #expect(value(watch.currentRuns().last, "acc") == 0.9)
    #expect(value(watch.currentRuns().last, "loss") == 0.2)
  }

  @Test(arguments: Mode.allCases) func deletedFilesAndFoldersRemoveTheirRuns(mode: Mode) throws {
    let tree = try TemporaryTree()
    try tree.write("a/mlpipeline-metrics.json", metrics("acc", 0.5))
    try tree.write("b/mlpipeline-metrics.json", metrics("acc", 0.6))
    try tree.write("c/step/mlpipeline-metrics.json", metrics("acc", 0.7))
    let watch = watch(tree, mode)
    _ = watch.startNow()
    // The only metrics file goes: the folder is no longer a run.
    unlink(tree.path("a/mlpipeline-metrics.json"))
    try FileManager.default.removeItem(atPath: tree.path("c"))
    let seen = updates(watch) { $0.flatMap(\.removed).count == 2 }
    #expect(seen.flatMap(\.removed).sorted() == ["a", "c"])
    #expect(seen.flatMap(\.changes).map(\.kind) == [.removed, .removed])
    #expect(watch.currentRuns().map(\.id) == ["b"])
  }

  @Test(arguments: Mode.allCases) func anAtomicRenameOverTheFileIsSeen(mode: Mode) throws {
    let tree = try TemporaryTree()
    try tree.write("a/mlpipeline-metrics.json", metrics("acc", 0.5))
    let watch = watch(tree, mode)
    _ = watch.startNow()
    try tree.write("a/.mlpipeline-metrics.json.tmp", metrics("acc", 0.8))
    rename(tree.path("a/.mlpipeline-metrics.json.tmp"), tree.path("a/mlpipeline-metrics.json"))
    _ = updates(watch) { _ in value(watch.currentRuns().first, "acc") == 0.8 }
    #expect(value(watch.currentRuns().first, "acc") == 0.8)
  }

  @Test(arguments: Mode.allCases) func aHalfWrittenFileKeepsThePreviousValues(mode: Mode) throws {
    let tree = try TemporaryTree()
    try tree.write("a/mlpipeline-metrics.json", metrics("acc", 0.5))
    let watch = watch(tree, mode)
    _ = watch.startNow()
    // A writer that truncates, then writes: caught in between.
    try tree.write("a/mlpipeline-metrics.json", #"{"metrics":[{"name":"acc","numberV"#)
    let broken = updates(watch) { $0.contains { $0.problems != nil } }
    #expect(broken.flatMap(\.replaced).isEmpty)
    #expect(broken.flatMap(\.changes).isEmpty)
    let problems = try #require(broken.last?.problems)
    #expect(problems.count == 1)
    #expect(problems.first?.location.hasSuffix("a/mlpipeline-metrics.json") == true)
    #expect(value(watch.currentRuns().first, "acc") == 0.5)
    try tree.write("a/mlpipeline-metrics.json", metrics("acc", 0.6))
    let good = updates(watch) { !$0.flatMap(\.replaced).isEmpty }
    #expect(
      good.flatMap(\.changes).map(\.kind) == [
        .metric(name: "acc", old: 0.5, new: 0.6, format: .raw)
      ])
    #expect(good.last?.problems == [])
  }

  /// A copied run folder repeats its run's id: as in a load, both are kept, the later one (in
  /// folder order) as `ID (2)`, and the ids follow the folders as they come and go.
  @Test(arguments: Mode.allCases) func aCopiedRunFolderKeepsBothRuns(mode: Mode) throws {
    let tree = try TemporaryTree()
    for (folder, name, value) in [("a", "original", 0.5), ("b", "copy", 0.6)] {
      try tree.write("\(folder)/run.json", #"{"id": "X", "name": "\#(name)"}"#)
      try tree.write("\(folder)/mlpipeline-metrics.json", metrics("acc", value))
    }
    let watch = watch(tree, mode)
    let first = watch.startNow()
    #expect(first.runs.map(\.id) == ["X", "X (2)"])
    #expect(first.problems.count == 1)
    #expect(first.problems.first?.message.hasSuffix(#"this one as "X (2)""#) == true)

    try tree.write("c/mlpipeline-metrics.json", metrics("acc", 0.7))
    try tree.write("c/run.json", #"{"id": "X", "name": "third"}"#)
    let added = updates(watch) { _ in watch.currentRuns().map(\.name).last == "third" }
    #expect(watch.currentRuns().map(\.id) == ["X", "X (2)", "X (3)"])
    #expect(added.last?.problems?.count == 2)

    try tree.write("b/mlpipeline-metrics.json", metrics("acc", 0.65))
    let changed = updates(watch) { !$0.flatMap(\.replaced).isEmpty }
    #expect(changed.flatMap(\.replaced).map(\.id) == ["X (2)"])
    #expect(
      changed.flatMap(\.changes).map(\.kind) == [
        .metric(name: "acc", old: 0.6, new: 0.65, format: .raw)
      ])

    // The first goes: as a load would, the copies become X and X (2).
    try FileManager.default.removeItem(atPath: tree.path("a"))
    let removed = updates(watch) { _ in watch.currentRuns().count == 2 }
    #expect(watch.currentRuns().map(\.id) == ["X", "X (2)"])
    #expect(watch.currentRuns().map(\.name) == ["copy", "third"])
    #expect(removed.flatMap(\.removed) == ["X (3)"])
    #expect(removed.flatMap(\.replaced).map(\.name) == ["copy", "third"])
    #expect(removed.last?.problems?.count == 1)
  }

  @Test func aBurstOfAThousandWritesIsCoalescedAndNothingIsLost() throws {
    let tree = try TemporaryTree()
    for index in 0..<200 {
      try tree.write("run-\(1000 + index)/mlpipeline-metrics.json", metrics("acc", 0))
    }
    let watch = watch(tree, .notifications)
    #expect(watch.startNow().runs.count == 200)

    // Written while the watch runs, as a busy pipeline would.
    let texts = (1...5).map { metrics("acc", Double($0)) }
    let writer = Thread {
      for text in texts {
        for index in 0..<200 {
          try? tree.write("run-\(1000 + index)/mlpipeline-metrics.json", text)
        }
      }
    }
    writer.start()
    let seen = updates(watch) { _ in
      watch.currentRuns().allSatisfy { value($0, "acc") == 5 }
    }
    #expect(watch.currentRuns().allSatisfy { value($0, "acc") == 5 })
    #expect(watch.currentRuns().count == 200)
    // 1,000 writes, a few re-reads (one per 0.2 s while the writes go on).
    #expect(seen.count <= 30)
    let lastChange = Dictionary(
      seen.flatMap(\.changes).map { ($0.runID, $0.kind) }, uniquingKeysWith: { $1 })
    #expect(lastChange.count == 200)
  }

  @Test func reachingTheWatchLimitFallsBackToScanningAndSaysSoOnce() throws {
    let tree = try TemporaryTree()
    try tree.write("a/mlpipeline-metrics.json", metrics("acc", 0.5))
    try tree.write("b/mlpipeline-metrics.json", metrics("acc", 0.5))
    try tree.write("c/mlpipeline-metrics.json", metrics("acc", 0.5))
    let watch = watch(tree, .notifications)
    watch.watchBudget = 2
    #expect(watch.startNow().runs.count == 3)
    #expect(!watch.usesNotifications)
    try tree.write("c/mlpipeline-metrics.json", metrics("acc", 0.9))
    let seen = updates(watch) { _ in value(watch.currentRuns().last, "acc") == 0.9 }
    let notices = seen.compactMap(\.notice)
    #expect(
      notices == [
        "the inotify watch limit is reached (fs.inotify.max_user_watches = 2): "
          + "scanning every 0.05 s instead"
      ])
    #expect(value(watch.currentRuns().last, "acc") == 0.9)
  }

  @Test func theEnvironmentVariableForcesScanning() {
    let forced = DirectoryWatch(root: "/", environment: [DirectoryWatch.scanVariable: "1"])
    let normal = DirectoryWatch(root: "/", environment: [:])
    #expect(!forced.usesNotifications)
    #expect(normal.usesNotifications)
  }

  @Test(arguments: Mode.allCases) func aRootThatIsTheRunIsWatchedWhole(mode: Mode) throws {
    let tree = try TemporaryTree()
    try tree.write("mlpipeline-metrics.json", metrics("acc", 0.5))
    let watch = watch(tree, mode)
    #expect(watch.startNow().runs.count == 1)
    try tree.write("mlpipeline-metrics.json", metrics("acc", 0.25))
    let seen = updates(watch) { !$0.flatMap(\.replaced).isEmpty }
    #expect(
      seen.flatMap(\.changes).map(\.kind) == [
        .metric(name: "acc", old: 0.5, new: 0.25, format: .raw)
      ])
  }
}
