import Foundation
import RunsCore
import Testing

@testable import RunsData

/// `mlpipeline-metrics.tgz` files made by Python's `tarfile` and by `tar czf`, real and hostile,
/// read through the directory source and as a single file.
@Suite struct MetricsArchiveTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Peers/metrics_archives.py").path

  /// Every case, made once per test; the bomb only when asked (it takes seconds to compress).
  private func makeArchives(bomb: Bool = false) throws -> TemporaryTree {
    let tree = try TemporaryTree()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.script, tree.root] + (bomb ? [] : ["--without-bomb"])
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "metrics_archives.py failed")
    return tree
  }

  @Test func realAndHostileArchivesInOneTree() throws {
    let tree = try makeArchives(bomb: true)
    let started = Date()
    let result = DirectorySource(root: tree.root).load()
    let seconds = Date().timeIntervalSince(started)
    #expect(seconds < 10, "a gzip bomb must cost little: \(seconds) s")
    let byRun = Dictionary(uniqueKeysWithValues: result.runs.map { ($0.id, $0) })
    // Nothing disappears: every case is a run, the broken ones without metrics.
    #expect(byRun.count == 11)
    for good in ["good", "gnu-tar", "long-name"] {
      let metric = try #require(byRun[good]?.metrics.first, "\(good)")
      #expect(metric.displayText == "91.000%")
      #expect(metric.nodeID == ".")
    }
    let expected: [String: String] = [
      "bomb": "expands to more than 16 MiB (a gzip bomb?); not read",
      "two-members":
        "holds 2 members (\"mlpipeline-metrics.json\", \"extra.json\"), not one mlpipeline-metrics.json; not read",
      "symlink":
        "holds \"mlpipeline-metrics.json\", a link to \"/etc/passwd\", not a file; not read",
      "traversal": "holds \"../../mlpipeline-metrics.json\", a path outside the archive; not read",
      "truncated": "is truncated: the gzip stream ends early",
      "empty": "is empty, not a gzip file",
      "not-gzip": "is not a gzip file (it starts with bytes 7B 22 6D 65)",
      "empty-tar": "holds no file; expected one mlpipeline-metrics.json",
    ]
    for (run, message) in expected {
      let location = tree.path("\(run)/mlpipeline-metrics.tgz")
      let problems = result.problems.filter { $0.location == location }
      #expect(problems.map(\.message) == [message], "\(run)")
      #expect(problems.first?.severity == .error)
      #expect(byRun[run]?.metrics.isEmpty == true)
    }
    #expect(result.problems.count == expected.count)
  }

  @Test func oneArchiveAsTheSourceIsOneRunOrFailsWhole() throws {
    let tree = try makeArchives()
    let good = JSONFileSource(path: tree.path("good/mlpipeline-metrics.tgz")).load()
    #expect(good.runs.map(\.id) == ["good"])
    #expect(good.runs.first?.metrics.first?.value == 0.91)
    let broken = JSONFileSource(path: tree.path("truncated/mlpipeline-metrics.tgz")).load()
    #expect(broken.runs.isEmpty)
    #expect(broken.sourceFailure?.message == "is truncated: the gzip stream ends early")
  }

  @Test func artifactStoreLayoutNamesThePodAndDatesTheRun() throws {
    let tree = try makeArchives()
    let good = try Data(contentsOf: URL(fileURLWithPath: tree.path("good/mlpipeline-metrics.tgz")))
    let mirror = try TemporaryTree()
    for pod in ["wf-1-train-111", "wf-1-eval-222"] {
      try mirror.makeDirectory("artifacts/wf-1/2026/03/04/\(pod)")
      try good.write(
        to: URL(
          fileURLWithPath: mirror.path("artifacts/wf-1/2026/03/04/\(pod)/mlpipeline-metrics.tgz")))
      try mirror.write("artifacts/wf-1/2026/03/04/\(pod)/mlpipeline-ui-metadata.tgz", "ignored")
    }
    let all = DirectorySource(root: mirror.path("artifacts")).load()
    #expect(all.problems.isEmpty, "\(all.problems)")
    let run = try #require(all.runs.first)
    #expect(all.runs.count == 1)
    #expect(run.id == "wf-1")
    #expect(run.metrics.map(\.nodeID) == ["wf-1-eval-222", "wf-1-train-111"])
    #expect(run.createdAt == Date(timeIntervalSince1970: 1_772_582_400))  // 2026-03-04 UTC
    // The workflow folder given alone is the same one run.
    let one = DirectorySource(root: mirror.path("artifacts/wf-1")).load()
    #expect(one.runs.map(\.id) == ["wf-1"])
    #expect(one.runs.first?.metrics == run.metrics)
  }
}
