import Foundation
import RunsCore
import RunsData

/// Where generated trees live: a given directory, where they are kept and reused, or a
/// temporary one removed at the end.
struct Workspace {
  let directory: String
  private let temporary: Bool

  init(directory: String?) throws {
    if let directory {
      self.directory = directory
      temporary = false
      try TreeFiles().makeDirectory(directory)
    } else {
      var template = Array((NSTemporaryDirectory() + "/kfp-runs-bench.XXXXXX").utf8CString)
      guard let made = mkdtemp(&template) else {
        throw BenchFailure(description: "cannot create a temporary directory")
      }
      self.directory = String(cString: made)
      temporary = true
    }
  }

  /// The tree of `runs` runs, written unless a complete one is already there. Its marker sits
  /// beside it, so `find` over the tree sees only the runs.
  func tree(runs: Int, maker: SyntheticRunMaker) throws -> String {
    let tree = directory + "/runs-\(runs)-seed\(maker.seed)"
    let marker = tree + ".complete"
    if FileManager.default.fileExists(atPath: marker) { return tree }
    FileHandle.standardError.write(Data("kfp-runs-bench: writing \(runs) runs to \(tree)\n".utf8))
    _ = ChildProcess.run(["rm", "-rf", tree])
    let written = try RunTreeWriter.write(count: runs, maker: maker, to: tree)
    try TreeCheck.verify(tree: tree, runs: runs, maker: maker)
    var files = TreeFiles()
    try files.save(
      "\(written.runs) runs, \(written.files) files, \(written.bytes) bytes\n", to: marker)
    return tree
  }

  /// Removes a temporary workspace.
  func cleanUp() {
    if temporary { _ = ChildProcess.run(["rm", "-rf", directory]) }
  }
}

/// Loads a freshly written tree in process and checks that it reads back as generated, so the
/// benchmark never times a tree full of problems.
enum TreeCheck {
  static func verify(tree: String, runs: Int, maker: SyntheticRunMaker) throws {
    let loaded = DirectorySource(root: tree).load()
    guard loaded.problems.isEmpty else {
      throw BenchFailure(
        description: "the generated tree has \(loaded.problems.count) problems, first: "
          + "\(loaded.problems[0].location): \(loaded.problems[0].message)")
    }
    guard loaded.runs.count == runs else {
      throw BenchFailure(description: "the tree loads \(loaded.runs.count) runs, not \(runs)")
    }
    let byID = Dictionary(uniqueKeysWithValues: loaded.runs.map { ($0.id, $0) })
    for index in 0..<runs {
      let expected = maker.make(index).run
      guard let actual = byID[expected.id], sameRun(actual, expected) else {
        throw BenchFailure(description: "run \(index) does not load as it was generated")
      }
    }
  }

  private static func sameRun(_ a: Run, _ b: Run) -> Bool {
    a.name == b.name && a.status == b.status && a.createdAt == b.createdAt
      && a.finishedAt == b.finishedAt && a.experiment == b.experiment && a.pipeline == b.pipeline
      && a.parameters == b.parameters && Set(a.metrics) == Set(b.metrics)
      && a.metrics.count == b.metrics.count
  }
}
