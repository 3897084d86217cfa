import Foundation
import RunsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs from a directory tree: each first-level directory holding an `mlpipeline-metrics.json`
/// (at any depth) or a `run.json` is a run; a metrics file directly in the root makes the root
/// itself the one run.
public struct DirectorySource: Sendable {
  /// How many run directories each batch covers.
  public static let batchSize = 500

  /// The directory given as the source, as the user wrote it.
  public let root: String

  /// Creates a source for the directory `root`.
  public init(root: String) {
    self.root = root
  }

  /// Reads every run, in directory-name order. `onBatch` (called on the calling thread) receives
  /// the runs and problems of each batch as it is read; the result holds everything.
  public func load(onBatch: ((LoadResult) -> Void)? = nil) -> LoadResult {
    load(onProgress: onBatch.map { report in { batch, _, _ in report(batch) } })
  }

  /// Reads every run like ``load(onBatch:)``; `onProgress` also receives how many first-level
  /// directories have been read and how many there are, for a "loaded N of M" display.
  ///
  /// `isCancelled` is asked (from any thread) before each batch and each run folder; once it
  /// says yes, no further folder is read and the result, incomplete, is only for discarding.
  public func load(
    onProgress: ((LoadResult, _ directoriesRead: Int, _ directoriesTotal: Int) -> Void)?,
    isCancelled: @escaping @Sendable () -> Bool = { false }
  ) -> LoadResult {
    let onBatch: ((LoadResult) -> Void)? = onProgress.map { report in { report($0, 1, 1) } }
    let rootPath = Self.trimmingSlashes(root)
    // Superseded before it began (reloads pressed in a row): not even the listing is read.
    if isCancelled() { return LoadResult() }
    guard let directory = OpenDirectory.open(Array(root.utf8CString), in: AT_FDCWD) else {
      return failure("cannot read the directory: \(FileSystem.errorText())", onBatch: onBatch)
    }
    defer { directory.close() }
    let descriptor = directory.descriptor

    let entries: [FileSystem.Entry]
    switch directory.entries() {
    case .success(let listed): entries = listed
    case .failure(let error):
      return failure("cannot read the directory: \(error.text)", onBatch: onBatch)
    }
    // Computed once for every run: a link up to any of these is never followed.
    let ancestry = FileSystem.ancestry(of: descriptor)

    let candidates = Self.folders(entries, in: descriptor)
    let rootName = Self.displayName(of: root)
    let holdsMetrics = Self.holdsMetrics(entries)
    if holdsMetrics || Self.isOneRun(rootName, entries: entries, folders: candidates) {
      // Opened again: a directory's stream is read once.
      guard let again = OpenDirectory.open(Array(root.utf8CString), in: AT_FDCWD) else {
        return failure("cannot read the directory: \(FileSystem.errorText())", onBatch: onBatch)
      }
      defer { again.close() }
      let read = RunDirectoryReader.read(
        again, identity: FileSystem.identity(of: again.descriptor),
        directoryName: rootName, path: rootPath, ancestry: ancestry)
      var problems = read?.problems ?? []
      if holdsMetrics, let warning = Self.ignoredRunFiles(candidates, in: descriptor, rootPath) {
        problems.insert(warning, at: 0)
      }
      let result = LoadResult.collecting(runs: read.map { [$0.run] } ?? [], problems: problems)
      onBatch?(result)
      return result
    }

    var all = LoadResult()
    all.runs.reserveCapacity(candidates.count)
    var interner = RunInterner()
    var start = 0
    repeat {
      if isCancelled() { break }
      let batch = candidates[start..<min(start + Self.batchSize, candidates.count)]
      var outcomes = Self.readConcurrently(
        Array(batch), in: descriptor, rootPath: rootPath, ancestry: ancestry,
        isCancelled: isCancelled)
      var runs: [Run] = []
      runs.reserveCapacity(outcomes.count)
      var problems: [Problem] = []
      for index in outcomes.indices {
        // Taken out of its slot first, so the run's arrays are not shared and change in place.
        if var run = outcomes[index].run.take() {
          interner.intern(&run)
          runs.append(run)
        }
        problems += outcomes[index].problems
      }
      let result = LoadResult.collecting(runs: runs, problems: problems)
      onProgress?(result, min(start + Self.batchSize, candidates.count), candidates.count)
      all.runs += result.runs
      all.problems += result.problems
      start += Self.batchSize
    } while start < candidates.count
    all.experiments = LoadResult.experiments(of: all.runs)
    return all
  }

  /// Whether the directory `root` is read as one run rather than as a folder of runs.
  static func readsAsOneRun(_ root: String) -> Bool {
    guard let directory = OpenDirectory.open(Array(root.utf8CString), in: AT_FDCWD) else {
      return false
    }
    defer { directory.close() }
    guard case .success(let entries) = directory.entries() else { return false }
    if holdsMetrics(entries) { return true }
    let folders = folders(entries, in: directory.descriptor)
    return isOneRun(displayName(of: root), entries: entries, folders: folders)
  }

  /// The entries that are folders, links to folders included.
  private static func folders(_ entries: [FileSystem.Entry], in descriptor: Int32)
    -> [FileSystem.Entry]
  {
    entries.filter { entry in
      switch entry.kind {
      case .directory: true
      case .regular, .other: false
      case .symlink, .unknown:
        FileSystem.status(entry.bytes, in: descriptor, follow: true)
          .map { FileSystem.isDirectory($0.st_mode) } ?? false
      }
    }
  }

  /// Whether one of `entries` is a metrics file: the folder holding them is a run.
  private static func holdsMetrics(_ entries: [FileSystem.Entry]) -> Bool {
    entries.contains { MetricsFileKind(fileName: $0.name) != nil }
  }

  /// Whether the root, holding no metrics file itself, is one run rather than a folder of runs:
  /// it holds a `run.json` (`runs/baseline`); it is a `kfp.local` run folder
  /// (`local_outputs/edge-pipeline-2026-…`) rather than the folder of them; or it is a workflow
  /// folder of an artifact store mirror, whose only folders are years (`artifacts/wf-x/2026/…`).
  private static func isOneRun(
    _ name: String, entries: [FileSystem.Entry], folders: [FileSystem.Entry]
  ) -> Bool {
    if entries.contains(where: { $0.name == RunDirectoryReader.runFileName }) { return true }
    if LocalRunName(name) != nil, !folders.contains(where: { LocalRunName($0.name) != nil }) {
      return !folders.isEmpty
    }
    return !folders.isEmpty
      && folders.allSatisfy { $0.name.utf8.count == 4 && $0.name.utf8.allSatisfy(isDigit) }
  }

  private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }

  /// The warning when a metrics file in the root makes the root one run although folders below
  /// hold `run.json` files: those runs' metadata is not read, which must not pass in silence.
  private static func ignoredRunFiles(
    _ folders: [FileSystem.Entry], in descriptor: Int32, _ rootPath: String
  ) -> Problem? {
    let holding = folders.filter { folder in
      let path = Array(folder.bytes.prefix { $0 != 0 }) + Array("/run.json".utf8CString)
      return faccessat(descriptor, path, F_OK, 0) == 0
    }
    guard let first = holding.first else { return nil }
    let example = (rootPath == "/" ? "" : rootPath) + "/" + first.name + "/run.json"
    let others = holding.count > 1 ? " and \(holding.count - 1) more" : ""
    return Problem(
      location: rootPath, severity: .warning,
      message:
        "run.json files one level down are ignored because the root holds a metrics file "
        + "(\(example)\(others)): the root is read as one run with those folders as its steps; "
        + "move the root's metrics file into a run folder to read each folder as a run")
  }

  /// The result when the root itself cannot be read: nothing loads, and the CLI exits 3.
  private func failure(_ message: String, onBatch: ((LoadResult) -> Void)?) -> LoadResult {
    let problem = Problem(location: root, severity: .error, message: message)
    let result = LoadResult(problems: [problem], sourceFailure: problem)
    onBatch?(result)
    return result
  }

  struct Outcome {
    var run: Run?
    var problems: [Problem] = []
  }

  /// Reads run directories on every core, keeping their order; once `isCancelled` says yes,
  /// the folders not yet started are skipped.
  static func readConcurrently(
    _ entries: [FileSystem.Entry], in root: Int32, rootPath: String,
    ancestry: Set<FileSystem.Identity>, isCancelled: @Sendable () -> Bool = { false }
  ) -> [Outcome] {
    ConcurrentMap.values(count: entries.count) { index in
      if isCancelled() { return Outcome() }
      return readRun(entries[index], in: root, rootPath: rootPath, ancestry: ancestry)
    }
  }

  private static func readRun(
    _ entry: FileSystem.Entry, in root: Int32, rootPath: String,
    ancestry: Set<FileSystem.Identity>
  ) -> Outcome {
    let path = (rootPath == "/" ? "" : rootPath) + "/" + entry.name
    guard let directory = OpenDirectory.open(entry.bytes, in: root) else {
      return Outcome(problems: [
        Problem(
          location: path, severity: .error,
          message: "cannot read the directory: \(FileSystem.errorText())")
      ])
    }
    defer { directory.close() }
    let identity = FileSystem.identity(of: directory.descriptor)
    // `runs/cycle -> .` would be a phantom run holding every other run's metrics.
    if let identity, ancestry.contains(identity) {
      return Outcome(problems: [
        RunDirectoryReader.aboveProblem(entry, in: root, shown: path, isRun: true)
      ])
    }
    guard
      let read = RunDirectoryReader.read(
        directory, identity: identity, directoryName: entry.name, path: path, ancestry: ancestry)
    else { return Outcome() }
    return Outcome(run: read.run, problems: read.problems)
  }

  /// `runs/` → `runs`, but `/` stays `/`, so paths in problems read `runs/a/…`.
  static func trimmingSlashes(_ path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    return String(trimmed)
  }

  /// The root's own name when it is the run: the last component of its real path, so `.` reads
  /// as the directory's name.
  private static func displayName(of root: String) -> String {
    guard let resolved = realpath(root, nil) else { return root }
    defer { free(resolved) }
    let path = String(cString: resolved)
    let last = path.split(separator: "/").last.map(String.init) ?? path
    return last.isEmpty ? path : last
  }
}
