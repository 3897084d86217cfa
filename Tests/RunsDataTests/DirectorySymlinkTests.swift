import Foundation
import RunsCore
import TestSupport
import Testing

@testable import RunsData

private let metricsFile = "mlpipeline-metrics.json"

/// Symlinks that lead back up the tree: never followed, so no phantom run and no endless walk.
@Suite struct DirectorySymlinkTests {
  /// Loads `root`, or records an issue when the load does not finish (a regression must fail,
  /// not hang).
  private func load(_ root: String) async -> LoadResult? {
    let result = await withTimeout(20) { DirectorySource(root: root).load() }
    if result == nil { Issue.record("loading \(root) did not finish within 20 s") }
    return result
  }

  private func lastComponents(_ problems: [Problem]) -> [String] {
    problems.map { ($0.location as NSString).lastPathComponent }
  }

  @Test func aFirstLevelLinkToTheSourceIsNotAPhantomRun() async throws {
    let tree = try TemporaryTree()
    try tree.write("a/step/\(metricsFile)", metricsJSON([("accuracy", 0.5, nil)]))
    try tree.write("b/\(metricsFile)", metricsJSON([("accuracy", 0.7, nil)]))
    try tree.symlink("cycle", to: ".")
    try tree.symlink("up", to: "..")
    try tree.symlink("slash", to: "/")
    // A link to a sibling run is no loop: it is still a run of its own.
    try tree.symlink("alias", to: "a")

    guard let result = await load(tree.root) else { return }
    #expect(result.runs.map(\.id) == ["a", "alias", "b"])
    #expect(result.runs.map { $0.metrics.map(\.nodeID) } == [["step"], ["step"], ["."]])
    #expect(result.runs.map { $0.metrics.map(\.value) } == [[0.5], [0.5], [0.7]])
    #expect(lastComponents(result.problems) == ["cycle", "slash", "up"])
    #expect(result.problems.allSatisfy { $0.severity == .warning })
    #expect(result.problems.allSatisfy { $0.message.hasSuffix("not followed, and not a run") })
    #expect(result.problems.first?.message.contains(#"".""#) == true)
  }

  @Test func aLinkToTheFileSystemRootInsideARunIsNotWalked() async throws {
    let tree = try TemporaryTree()
    try tree.write("run/step/\(metricsFile)", metricsJSON([("loss", 0.25, nil)]))
    try tree.write("run/step/deep/\(metricsFile)", metricsJSON([("loss", 0.125, nil)]))
    try tree.symlink("run/root", to: "/")
    try tree.symlink("run/step/deep/back", to: "../..")
    try tree.write("other/\(metricsFile)", metricsJSON([("loss", 0.5, nil)]))

    guard let result = await load(tree.root) else { return }
    #expect(result.runs.map(\.id) == ["other", "run"])
    #expect(result.runs.map { $0.metrics.map(\.nodeID) } == [["."], ["step", "step/deep"]])
    #expect(result.runs.map { $0.metrics.map(\.value) } == [[0.5], [0.25, 0.125]])
    #expect(lastComponents(result.problems) == ["root", "back"])
    #expect(result.problems.allSatisfy { $0.severity == .warning })
    #expect(result.problems.allSatisfy { $0.message.hasSuffix("; not followed") })
    #expect(result.problems.first?.message.contains(#""/""#) == true)
  }

  @Test func aLinkToTheFileSystemRootInASourceThatIsOneRunIsNotWalked() async throws {
    let tree = try TemporaryTree()
    try tree.write(metricsFile, metricsJSON([("accuracy", 0.9, nil)]))
    try tree.write("step/\(metricsFile)", metricsJSON([("accuracy", 0.8, nil)]))
    try tree.symlink("root", to: "/")
    try tree.symlink("step/source", to: "..")

    guard let result = await load(tree.root) else { return }
    #expect(result.runs.count == 1)
    #expect(result.runs.first?.metrics.map(\.nodeID) == [".", "step"])
    #expect(lastComponents(result.problems) == ["root", "source"])
    #expect(result.problems.allSatisfy { $0.severity == .warning })
  }

  @Test func theSameTreeLoadsTheSameWayEveryTime() async throws {
    let tree = try TemporaryTree()
    for index in 0..<40 {
      try tree.write("r\(index)/\(metricsFile)", metricsJSON([("m", Double(index), nil)]))
      try tree.symlink("r\(index)/source", to: "..")
      try tree.symlink("r\(index)/next", to: "../r\((index + 1) % 40)")
    }
    guard let first = await load(tree.root), let second = await load(tree.root) else { return }
    #expect(first.runs.count == 40)
    #expect(first.runs.map(\.metrics) == second.runs.map(\.metrics))
    #expect(first.problems == second.problems)
    // Each run reads itself and, through the chain of `next` links, every other run.
    #expect(first.runs.allSatisfy { $0.metrics.count == 40 })
  }
}
