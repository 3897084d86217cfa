import Foundation
import RunsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads one run directory: every metrics file below it (`mlpipeline-metrics.json`, KFP 1.x's
/// `mlpipeline-metrics.tgz`, `kfp.local`'s `executor_output.json`), and its `run.json`.
struct RunDirectoryReader {
  static let metricsFileName = "mlpipeline-metrics.json"
  static let runFileName = "run.json"
  /// Deeper trees are cut here: far beyond any real layout, and it bounds open descriptors.
  static let maximumDepth = 64

  /// The run directory's name: the default id and name.
  let directoryName: String
  /// The run directory's path as shown in problems.
  let path: String

  private var metrics: [Metric] = []
  private var problems: [Problem] = []
  /// The source root and every directory above it: never entered again from inside.
  private let ancestry: Set<FileSystem.Identity>
  /// The directories from the run directory down to the one being read.
  private var onPath: Set<FileSystem.Identity> = []
  /// Every directory this run has read, so a real directory is read once however it is reached.
  private var visited: Set<FileSystem.Identity> = []
  private var metricsFileCount = 0
  private var notes: [String] = []
  /// The earliest day the artifact store's date folders (`YYYY/MM/DD`) name.
  private var datedCreation: Date?
  /// First-level folders, and those holding a `kfp.local` task output, for tasks without one.
  private var firstLevelFolders: [String] = []
  private var tasksWithOutput = Set<String>()
  private var oldestModification: Double?
  private var runFile: (bytes: [UInt8], path: String)?
  private var runFileSeen = false
  private var localRun: LocalRunName?
  /// An `executor_output.json` directly in the directory: a task folder given alone.
  private var taskGivenAlone = false

  /// A reader for the run directory `path`; `ancestry` holds the source root and the directories
  /// above it (see ``FileSystem/ancestry(of:)``).
  init(directoryName: String, path: String, ancestry: Set<FileSystem.Identity>) {
    self.directoryName = directoryName
    self.path = path
    self.ancestry = ancestry
  }

  /// Reads the run from its freshly opened directory, whose `identity` the caller has taken;
  /// `nil` when it holds neither a metrics file nor a `run.json` (then it is not a run, and
  /// says nothing).
  static func read(
    _ directory: OpenDirectory, identity: FileSystem.Identity?, directoryName: String,
    path: String, ancestry: Set<FileSystem.Identity>
  ) -> (run: Run, problems: [Problem])? {
    var reader = RunDirectoryReader(directoryName: directoryName, path: path, ancestry: ancestry)
    if let identity {
      reader.visited.insert(identity)
      reader.onPath.insert(identity)
    }
    reader.walk(directory, relative: "", shown: path, depth: 0)
    let localRun = LocalRunName(directoryName)
    let isLocalRun =
      !reader.tasksWithOutput.isEmpty
      || (localRun != nil && reader.metricsFileCount == 0 && !reader.firstLevelFolders.isEmpty)
    guard reader.metricsFileCount > 0 || reader.runFileSeen || isLocalRun else { return nil }
    if isLocalRun { reader.describeLocalRun(localRun) }
    return reader.finish()
  }

  private mutating func report(_ location: String, _ severity: Severity, _ message: String) {
    problems.append(Problem(location: location, severity: severity, message: message))
  }

  private mutating func walk(
    _ directory: OpenDirectory, relative: String, shown: String, depth: Int
  ) {
    let descriptor = directory.descriptor
    let entries: [FileSystem.Entry]
    switch directory.entries() {
    case .success(let listed): entries = listed
    case .failure(let error):
      report(shown, .error, "the directory cannot be read: \(error.text)")
      return
    }
    for entry in entries {
      let entryRelative = relative.isEmpty ? entry.name : relative + "/" + entry.name
      let entryShown = (shown == "/" ? "" : shown) + "/" + entry.name
      if let kind = MetricsFileKind(fileName: entry.name) {
        metricsFileCount += 1
        readMetricsFile(
          entry, kind: kind, in: descriptor, folder: relative, relative: entryRelative,
          shown: entryShown, depth: depth)
        continue
      }
      if depth == 0, entry.name == Self.runFileName {
        runFileSeen = true
        readRunFile(entry, in: descriptor, shown: entryShown)
        continue
      }
      if isDirectory(entry, in: descriptor) {
        if depth == 0 { firstLevelFolders.append(entry.name) }
        descend(entry, in: descriptor, relative: entryRelative, shown: entryShown, depth: depth)
      }
    }
  }

  /// Whether an entry is a directory to walk (following a symlink); broken links are ignored,
  /// as `find` ignores them, unless they carry a metrics file's name.
  private func isDirectory(_ entry: FileSystem.Entry, in descriptor: Int32) -> Bool {
    switch entry.kind {
    case .directory: return true
    case .regular, .other: return false
    case .symlink, .unknown:
      return FileSystem.status(entry.bytes, in: descriptor, follow: true)
        .map { FileSystem.isDirectory($0.st_mode) } ?? false
    }
  }

  private mutating func descend(
    _ entry: FileSystem.Entry, in parent: Int32, relative: String, shown: String, depth: Int
  ) {
    guard depth + 1 < Self.maximumDepth else {
      report(shown, .warning, "nested more than \(Self.maximumDepth) levels deep; not read")
      return
    }
    guard let child = OpenDirectory.open(entry.bytes, in: parent) else {
      report(shown, .error, "the directory cannot be opened: \(FileSystem.errorText())")
      return
    }
    defer { child.close() }
    guard let identity = FileSystem.identity(of: child.descriptor) else {
      walk(child, relative: relative, shown: shown, depth: depth + 1)
      return
    }
    // A link back up (to the source, a directory above it, or above the link) would read the
    // tree again, or the whole file system for a link to `/`: decided by the run's own tree
    // only, so concurrent runs never depend on each other's timing.
    guard !ancestry.contains(identity), !onPath.contains(identity) else {
      problems.append(Self.aboveProblem(entry, in: parent, shown: shown, isRun: false))
      return
    }
    guard visited.insert(identity).inserted else {
      report(
        shown, .warning,
        "this directory was already read through another path (a symlink loop?); skipped")
      return
    }
    onPath.insert(identity)
    walk(child, relative: relative, shown: shown, depth: depth + 1)
    onPath.remove(identity)
  }

  /// The warning for a directory entry that leads back to a directory containing it.
  static func aboveProblem(
    _ entry: FileSystem.Entry, in parent: Int32, shown: String, isRun: Bool
  ) -> Problem {
    let outcome = isRun ? "not followed, and not a run" : "not followed"
    let message: String
    if let target = FileSystem.linkText(entry.bytes, in: parent) {
      message =
        "is a symbolic link to \"\(target)\", a directory that contains it "
        + "(reading it would loop); \(outcome)"
    } else {
      message = "is the same directory as one that contains it (a bind mount?); \(outcome)"
    }
    return Problem(location: shown, severity: .warning, message: message)
  }

  private mutating func readMetricsFile(
    _ entry: FileSystem.Entry, kind: MetricsFileKind, in descriptor: Int32, folder: String,
    relative: String, shown: String, depth: Int
  ) {
    switch followedKind(entry, in: descriptor, shown: shown) {
    case .unusable: return
    case .directory:
      report(shown, .error, "is a directory, not a metrics file; its contents are read as a step")
      descend(entry, in: descriptor, relative: relative, shown: shown, depth: depth)
      return
    case .regular: break
    }
    var node = folder.isEmpty ? "." : folder
    switch kind {
    case .json: break
    case .archive:
      // The artifact store's layout: `<workflow>/[YYYY/MM/DD/]<pod>/`; the pod is the node.
      let place = ArtifactStorePath(folder)
      node = place.node
      if let day = place.day { datedCreation = min(datedCreation ?? day, day) }
    case .executorOutput:
      // `<run>/<task>/executor_output.json`; given alone, the folder it sits in is the task.
      node = folder.isEmpty ? directoryName : folder
      if folder.isEmpty { taskGivenAlone = true }
      tasksWithOutput.insert(String(node.prefix { $0 != "/" }))
    }
    guard let (bytes, modified) = read(entry, in: descriptor, shown: shown) else { return }
    oldestModification = min(oldestModification ?? modified, modified)
    let result = kind.decode(bytes, path: shown, node: node)
    metrics += result.metrics
    problems += result.problems
    notes += result.notes
  }

  /// What a `kfp.local` run's details say: no state is recorded, and which tasks left no
  /// output (each also a warning).
  private mutating func describeLocalRun(_ name: LocalRunName?) {
    var lines = [
      "kfp.local records no status, finish time or parameters for a run"
        + (name != nil ? "; the start time is the folder name's" : "")
    ]
    for folder in firstLevelFolders.sorted()
    where !taskGivenAlone && !tasksWithOutput.contains(folder) {
      let shown = (path == "/" ? "" : path) + "/" + folder
      report(
        shown, .warning,
        "task \(JSONText.quoted(folder, limit: 80)) has no \(ExecutorOutputDecoder.fileName): "
          + "it failed or has not finished")
      lines.append("\(folder): no output (failed or unfinished)")
    }
    notes = lines + notes
    localRun = name
  }

  private mutating func readRunFile(_ entry: FileSystem.Entry, in descriptor: Int32, shown: String)
  {
    switch followedKind(entry, in: descriptor, shown: shown) {
    case .unusable: return
    case .directory:
      report(shown, .error, "is a directory, not a regular file; skipped")
      return
    case .regular: break
    }
    guard let (bytes, _) = read(entry, in: descriptor, shown: shown) else { return }
    runFile = (bytes, shown)
  }

  /// What an entry names once a symlink (or an entry of unknown type) is followed.
  private enum FollowedKind {
    case regular
    case directory
    /// Not readable, or a FIFO, socket or device: a problem has been reported.
    case unusable
  }

  private mutating func followedKind(
    _ entry: FileSystem.Entry, in descriptor: Int32, shown: String
  ) -> FollowedKind {
    // Never open what is not a regular file: opening a FIFO for reading waits for a writer.
    if entry.kind == .regular { return .regular }
    guard let info = FileSystem.status(entry.bytes, in: descriptor, follow: true) else {
      report(shown, .error, "cannot be read: \(FileSystem.errorText())")
      return .unusable
    }
    if FileSystem.isDirectory(info.st_mode) { return .directory }
    guard FileSystem.isRegular(info.st_mode) else {
      report(
        shown, .error, "is \(FileSystem.describe(mode: info.st_mode)), not a regular file; skipped")
      return .unusable
    }
    return .regular
  }

  /// The file's bytes and modification time, or `nil` with the problem reported.
  private mutating func read(_ entry: FileSystem.Entry, in descriptor: Int32, shown: String)
    -> (bytes: [UInt8], modified: Double)?
  {
    switch BoundedFile.read(entry.bytes, in: descriptor, limit: MetricsFileDecoder.maximumFileSize)
    {
    case .failed(let message):
      report(shown, .error, message)
    case .notRegular(let kind):
      report(shown, .error, "is \(kind), not a regular file; skipped")
    case .tooLarge(let size):
      problems.append(MetricsFileDecoder.tooLargeProblem(path: shown, size: size))
    case .contents(let bytes, let modified):
      return (bytes, modified)
    }
    return nil
  }

  private mutating func finish() -> (run: Run, problems: [Problem]) {
    var run = Run(id: directoryName, name: directoryName, notes: notes)
    if let oldestModification { run.createdAt = Date(timeIntervalSince1970: oldestModification) }
    if let datedCreation { run.createdAt = datedCreation }
    if let localRun {
      run.pipeline = localRun.pipeline
      run.createdAt = localRun.createdAt
    }
    if let runFile {
      overlay(runFile.bytes, path: runFile.path, on: &run)
    }
    // Node-id order, the order `Run.metric(named:)` picks by; stable, so a file's order stays.
    // (The sort also leaves the array without spare capacity, which at 10,000 runs counts.)
    if metricsFileCount > 0 { run.metrics = metrics.sortedStably { $0.nodeID < $1.nodeID } }
    // No more entries than the limit cannot be more distinct names: no set to build.
    if run.metrics.count > MetricsFileDecoder.kfpMetricsLimit {
      let distinct = Set(run.metrics.lazy.map(\.name)).count
      if let warning = MetricsFileDecoder.metricsLimitProblem(count: distinct, location: path) {
        problems.append(warning)
      }
    }
    return (run, problems)
  }

  /// Lays the valid fields of `run.json` over what the directory says; metrics come from the
  /// metrics files when there are any (the API's copy of the same values would double them).
  private mutating func overlay(_ bytes: [UInt8], path: String, on run: inout Run) {
    let json: JSONValue
    do {
      json = try JSONParser.parse(bytes)
    } catch {
      report(
        path, .error, "is not valid JSON (\(error.description)); the run's metadata is not read")
      return
    }
    let (fields, fieldProblems) = KFPWire.runFields(from: json, location: path)
    problems += fieldProblems
    if let id = fields.id { run.id = id }
    if let name = fields.name { run.name = name }
    run.status = fields.status
    if let createdAt = fields.createdAt { run.createdAt = createdAt }
    run.finishedAt = fields.finishedAt
    run.experiment = fields.experiment
    run.pipeline = fields.pipeline
    run.parameters = fields.parameters
    run.metrics = fields.metrics
  }
}

extension Array {
  /// A stable sort: elements that compare equal keep their order.
  func sortedStably(by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
    enumerated().sorted { left, right in
      if areInIncreasingOrder(left.element, right.element) { return true }
      if areInIncreasingOrder(right.element, left.element) { return false }
      return left.offset < right.offset
    }.map(\.element)
  }
}
