import Foundation
import RunsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A directory source kept current: file notifications (inotify) say which run folders changed,
/// and only those are read again. Without notifications (not available, the watch limit
/// reached, or `KFP_RUNS_WATCH_SCAN=1`) a stat-only scan every `interval` seconds finds them.
///
/// One caller at a time: `start()` once, then `next()` in a loop.
public final class DirectoryWatch: RunsWatch, @unchecked Sendable {
  /// Set to `1` to scan instead of using notifications (tests, network file systems).
  public static let scanVariable = "KFP_RUNS_WATCH_SCAN"
  /// Events within this long of the first one are taken together: a writer's create, writes
  /// and rename become one re-read.
  public static let coalescing: TimeInterval = 0.2

  /// The directory watched, as given.
  public let root: String
  /// Seconds between scans when scanning.
  public let interval: TimeInterval
  /// Whether file notifications are in use (else scanning).
  public private(set) var usesNotifications: Bool

  private struct Entry {
    var bytes: [CChar]
    var run: Run?
    var problems: [Problem]
    var signature: TreeSignature?
  }

  private let rootBytes: [CChar]
  private let rootPath: String
  private var notifications: Inotify?
  /// Each watched directory's first-level folder name; the root maps to `nil`.
  private var watched: [Int32: String?] = [:]
  private var entries: [String: Entry] = [:]
  /// How many folders' runs have each id; a copied run folder makes an id repeat.
  private var idCounts: [String: Int] = [:]
  /// How many ids repeat.
  private var repeatedIDs = 0
  /// The runs by folder with repeated ids made `ID (2)`, … as a load makes them, and the
  /// warnings that say so; `nil` while no id repeats.
  private var renamed: (runs: [String: Run], problems: [Problem])?
  /// The root folder holds a metrics file itself: it is the one run, read whole on any change.
  private var rootIsRun = false
  private var notice: String?
  private var nextScan = Date.distantPast
  /// Tests stand in a small watch limit here, to see what happens when the system's is reached.
  var watchBudget: Int?

  /// Watches the directory `root`; `scanOnly` (default: the `KFP_RUNS_WATCH_SCAN` variable)
  /// skips notifications.
  public init(
    root: String, interval: TimeInterval = 2, scanOnly: Bool? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.root = root
    self.interval = interval
    rootBytes = Array(root.utf8CString)
    rootPath = DirectorySource.trimmingSlashes(root)
    let forced = scanOnly ?? (environment[Self.scanVariable] == "1")
    usesNotifications = !forced
  }

  public func start() async -> LoadResult { startNow() }

  public func next() async -> RunsUpdate { nextNow(wait: 1) }

  /// Loads every run and starts watching (blocking).
  public func startNow() -> LoadResult {
    if usesNotifications {
      notifications = Inotify()
      if notifications == nil {
        fallBack("file notifications are not available (\(FileSystem.errorText()))")
      }
    }
    let listed = listFolders()
    rootIsRun = DirectorySource.readsAsOneRun(root)
    if listed.isEmpty || rootIsRun {
      // An empty or unreadable root says so through the source's own load.
      let result = DirectorySource(root: root).load()
      if result.sourceFailure != nil || !rootIsRun {
        watchTree(rootBytes, entry: nil)
        nextScan = Date().addingTimeInterval(interval)
        return result
      }
      set(
        "",
        Entry(
          bytes: rootBytes, run: result.runs.first, problems: result.problems,
          signature: usesNotifications ? nil : TreeSignature.of(rootBytes, in: AT_FDCWD)))
      watchTree(rootBytes, entry: nil)
      return result
    }
    // Read folder by folder, so that each run is known by the folder it came from.
    if usesNotifications { watchTree(rootBytes, entry: nil) }
    _ = refresh(Set(listed.keys), names: listed, reportChanges: false)
    nextScan = Date().addingTimeInterval(interval)
    return LoadResult.collecting(runs: currentRuns(), problems: currentProblems())
  }

  /// Waits up to `wait` seconds for a change and returns what changed (blocking).
  public func nextNow(wait: TimeInterval) -> RunsUpdate {
    var update: RunsUpdate
    if usesNotifications, let notifications {
      update = waitForEvents(notifications, wait: wait)
    } else {
      update = scanWhenDue(wait: wait)
    }
    if let said = notice {
      update.notice = said
      notice = nil
    }
    return update
  }

  /// Every run, in folder-name order, with the ids a load gives them.
  public func currentRuns() -> [Run] {
    sortedNames().compactMap(shownRun)
  }

  private func currentProblems() -> [Problem] {
    sortedNames().flatMap { entries[$0]?.problems ?? [] } + (renamed?.problems ?? [])
  }

  /// The folders' names in the order a load reads them.
  private func sortedNames() -> [String] {
    entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// The run of folder `name` as shown: its id made unique when another folder's run has it.
  private func shownRun(_ name: String) -> Run? {
    renamed.map { $0.runs[name] } ?? entries[name]?.run
  }

  /// Puts folder `name`'s read in place, keeping count of the ids.
  private func set(_ name: String, _ entry: Entry?) {
    count(entries[name]?.run?.id, by: -1)
    entries[name] = entry
    count(entry?.run?.id, by: 1)
  }

  private func count(_ id: String?, by delta: Int) {
    guard let id else { return }
    let old = idCounts[id, default: 0]
    let new = old + delta
    idCounts[id] = new == 0 ? nil : new
    if old <= 1, new > 1 { repeatedIDs += 1 }
    if old > 1, new <= 1 { repeatedIDs -= 1 }
  }

  /// Gives repeated ids the names a load gives them: in folder order, the second and later
  /// runs of an id become `ID (2)`, `ID (3)`, …, each with a warning.
  private func rename() {
    guard repeatedIDs > 0 else {
      renamed = nil
      return
    }
    let names = sortedNames().filter { entries[$0]?.run != nil }
    var result = LoadResult(runs: names.compactMap { entries[$0]?.run })
    var ids = DuplicateRunIDs()
    ids.disambiguate(&result, location: root)
    renamed = (Dictionary(uniqueKeysWithValues: zip(names, result.runs)), result.problems)
  }

  // MARK: Notifications

  private func waitForEvents(_ notifications: Inotify, wait: TimeInterval) -> RunsUpdate {
    guard notifications.wait(milliseconds: Int32(wait * 1000)) else { return RunsUpdate() }
    let deadline = Date().addingTimeInterval(Self.coalescing)
    var events = notifications.read()
    while case let left = deadline.timeIntervalSinceNow, left > 0 {
      if notifications.wait(milliseconds: Int32(left * 1000) + 1) {
        events += notifications.read()
      }
    }
    var dirty: [String: [CChar]] = [:]
    var everything = false
    for event in events {
      if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
        everything = true
        continue
      }
      guard let folder = watched[event.watch] else { continue }
      if event.mask & UInt32(IN_IGNORED) != 0 { watched[event.watch] = nil }
      if let folder {
        dirty[folder] = entries[folder]?.bytes ?? Array(folder.utf8CString)
      } else if !event.name.isEmpty {
        let name = String(
          decoding: event.name.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        dirty[name] = event.name + [0]
      } else {
        everything = true
      }
    }
    if rootIsRun { return rereadRoot() }
    if everything {
      let listed = listFolders()
      return refresh(Set(listed.keys).union(entries.keys), names: listed, reportChanges: true)
    }
    return refresh(Set(dirty.keys), names: dirty, reportChanges: true)
  }

  /// Watches `path` and every directory below it, each mapped to its first-level folder.
  private func watchTree(_ path: [CChar], entry: String?, depth: Int = 0) {
    guard usesNotifications, let notifications else { return }
    if let budget = watchBudget, watched.count >= budget, !watched.isEmpty {
      let limit = " (fs.inotify.max_user_watches = \(budget))"
      fallBack("the inotify watch limit is reached\(limit)")
      return
    }
    switch notifications.add(path) {
    case .success(let watch): watched[watch] = .some(entry)
    case .failure(.limitReached):
      let limit = Inotify.watchLimit.map { " (fs.inotify.max_user_watches = \($0))" } ?? ""
      fallBack("the inotify watch limit is reached\(limit)")
      return
    case .failure(.other): return
    }
    guard depth < RunDirectoryReader.maximumDepth,
      let directory = OpenDirectory.open(path, in: AT_FDCWD)
    else { return }
    defer { directory.close() }
    guard case .success(let listed) = directory.entries() else { return }
    for child in listed where child.kind == .directory {
      let childPath = Self.joined(path, child.bytes)
      if entry == nil, rootIsRun {
        watchTree(childPath, entry: nil, depth: depth + 1)
      } else if entry == nil {
        // First-level folders are watched as their runs are read.
        continue
      } else {
        watchTree(childPath, entry: entry, depth: depth + 1)
      }
      if !usesNotifications { return }
    }
  }

  /// Gives up on notifications and scans from now on; the reason is said once.
  private func fallBack(_ reason: String) {
    usesNotifications = false
    notifications = nil
    watched = [:]
    let every = interval == interval.rounded() ? String(Int(interval)) : String(interval)
    notice = "\(reason): scanning every \(every) s instead"
    for (name, entry) in entries {
      entries[name]?.signature = TreeSignature.of(
        name.isEmpty ? rootBytes : Self.joined(rootBytes, entry.bytes), in: AT_FDCWD)
    }
    nextScan = Date().addingTimeInterval(interval)
  }

  // MARK: Scanning

  private func scanWhenDue(wait: TimeInterval) -> RunsUpdate {
    let until = nextScan.timeIntervalSinceNow
    if until > 0 {
      guard until <= wait else {
        Thread.sleep(forTimeInterval: wait)
        return RunsUpdate()
      }
      Thread.sleep(forTimeInterval: until)
    }
    nextScan = Date().addingTimeInterval(interval)
    return scan()
  }

  /// One stat-only pass: the folders whose fingerprint changed, appeared or went are read again.
  public func scan() -> RunsUpdate {
    if rootIsRun {
      guard entries[""]?.signature?.isCurrent(in: AT_FDCWD) != true else { return RunsUpdate() }
      return rereadRoot()
    }
    guard let directory = OpenDirectory.open(rootBytes, in: AT_FDCWD) else { return RunsUpdate() }
    defer { directory.close() }
    guard case .success(let listed) = directory.entries() else { return RunsUpdate() }
    var dirty: [String: [CChar]] = [:]
    var present = Set<String>()
    let known = listed.map { entries[$0.name]?.signature }
    let descriptor = directory.descriptor
    let current = ConcurrentMap.values(count: listed.count) {
      known[$0]?.isCurrent(in: descriptor) == true
    }
    for (child, isCurrent) in zip(listed, current) {
      present.insert(child.name)
      // A plain file beside the runs is no run, now as before.
      let stray = entries[child.name] == nil && (child.kind == .regular || child.kind == .other)
      if !isCurrent && !stray { dirty[child.name] = child.bytes }
    }
    for name in entries.keys where !present.contains(name) { dirty[name] = entries[name]?.bytes }
    guard !dirty.isEmpty else { return RunsUpdate() }
    return refresh(Set(dirty.keys), names: dirty, reportChanges: true)
  }

  /// The fingerprints of `folders` under `parent`, on every core (as a load reads them).
  private static func signatures(_ folders: [FileSystem.Entry], in parent: Int32)
    -> [TreeSignature?]
  {
    ConcurrentMap.values(count: folders.count) { TreeSignature.of(folders[$0].bytes, in: parent) }
  }

  // MARK: Reading

  /// The first-level entries of the root, by name.
  private func listFolders() -> [String: [CChar]] {
    guard let directory = OpenDirectory.open(rootBytes, in: AT_FDCWD),
      case .success(let listed) = directory.entries()
    else { return [:] }
    directory.close()
    return Dictionary(listed.map { ($0.name, $0.bytes) }, uniquingKeysWith: { first, _ in first })
  }

  /// Reads the folders `dirty` again (each as its run, or gone), and says what changed. A
  /// folder whose read brings a new error (a file caught half-written) keeps its run's previous
  /// values, with the problem, until a good read.
  private func refresh(_ dirty: Set<String>, names: [String: [CChar]], reportChanges: Bool)
    -> RunsUpdate
  {
    guard let directory = OpenDirectory.open(rootBytes, in: AT_FDCWD) else { return RunsUpdate() }
    defer { directory.close() }
    let ancestry = FileSystem.ancestry(of: directory.descriptor)
    var folders: [FileSystem.Entry] = []
    var gone: [String] = []
    for name in dirty.sorted() {
      let bytes = names[name] ?? entries[name]?.bytes ?? Array(name.utf8CString)
      let isFolder =
        FileSystem.status(bytes, in: directory.descriptor, follow: true)
        .map { FileSystem.isDirectory($0.st_mode) } ?? false
      if isFolder {
        folders.append(FileSystem.Entry(bytes: bytes, name: name, kind: .directory))
      } else {
        gone.append(name)
      }
    }
    // Watched before reading, so a write during the read is not missed.
    for folder in folders { watchTree(Self.joined(rootBytes, folder.bytes), entry: folder.name) }
    let outcomes = DirectorySource.readConcurrently(
      folders, in: directory.descriptor, rootPath: rootPath, ancestry: ancestry)

    // What each folder showed before, for the changes: every folder while ids repeat (a
    // folder coming or going renames the others' runs), else the folders read.
    let before = renamed
    var previous: [String: Run?] = [:]
    var problemsChanged = false
    func settle(_ name: String, _ new: Entry?) {
      let old = entries[name]
      var kept = new
      if let old, let new, let run = old.run,
        Self.hasNewError(new.problems, comparedWith: old.problems)
      {
        kept?.run = run
      }
      previous[name] = old?.run
      set(name, kept)
      if old?.problems != kept?.problems { problemsChanged = true }
    }
    let signatures =
      usesNotifications
      ? Array(repeating: nil, count: folders.count)
      : Self.signatures(folders, in: directory.descriptor)
    for (index, folder) in folders.enumerated() {
      settle(
        folder.name,
        Entry(
          bytes: folder.bytes, run: outcomes[index].run, problems: outcomes[index].problems,
          signature: signatures[index]))
    }
    for name in gone { settle(name, nil) }
    rename()
    if before?.problems != renamed?.problems { problemsChanged = true }

    var names = Set(previous.keys)
    if before != nil || renamed != nil {
      names.formUnion(entries.keys)
      if let before { names.formUnion(before.runs.keys) }
    }
    var old: [Run] = []
    var new: [Run] = []
    for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      let was = before.map { $0.runs[name] } ?? previous[name] ?? entries[name]?.run
      if let was { old.append(was) }
      if let now = shownRun(name) { new.append(now) }
    }
    var update = Self.difference(old, new, reportChanges: reportChanges)
    if problemsChanged { update.problems = currentProblems() }
    return update
  }

  /// What changed from the runs `old` to the runs `new`, by id: a run whose id is gone is
  /// removed, a new or different one replaces its id's run.
  private static func difference(_ old: [Run], _ new: [Run], reportChanges: Bool) -> RunsUpdate {
    var update = RunsUpdate()
    let newIDs = Set(new.map(\.id))
    let oldByID = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for run in old where !newIDs.contains(run.id) {
      update.removed.append(run.id)
      if reportChanges { update.changes += RunChange.between(run, nil) }
    }
    for run in new where oldByID[run.id] != run {
      update.replaced.append(run)
      if reportChanges { update.changes += RunChange.between(oldByID[run.id], run) }
    }
    return update
  }

  /// The root as the one run: read whole again.
  private func rereadRoot() -> RunsUpdate {
    let result = DirectorySource(root: root).load()
    let old = entries[""]
    var run = result.runs.first
    if let previous = old?.run,
      Self.hasNewError(result.problems, comparedWith: old?.problems ?? [])
    {
      run = previous
    }
    set(
      "",
      Entry(
        bytes: rootBytes, run: run, problems: result.problems,
        signature: usesNotifications ? nil : TreeSignature.of(rootBytes, in: AT_FDCWD)))
    watchTree(rootBytes, entry: nil)
    var update = RunsUpdate()
    if old?.problems != result.problems { update.problems = result.problems }
    guard old?.run != run else { return update }
    if let run {
      update.replaced.append(run)
    } else if let gone = old?.run {
      update.removed.append(gone.id)
    }
    update.changes = RunChange.between(old?.run, run)
    return update
  }

  /// Whether `new` holds an error that `old` did not: the read met something broken that the
  /// previous read did not.
  private static func hasNewError(_ new: [Problem], comparedWith old: [Problem]) -> Bool {
    let known = Set(old.filter { $0.severity == .error })
    return new.contains { $0.severity == .error && !known.contains($0) }
  }

  /// `parent/child` from two NUL-terminated names.
  private static func joined(_ parent: [CChar], _ child: [CChar]) -> [CChar] {
    var path = Array(parent.dropLast())
    if path.last != 47 { path.append(47) }
    return path + child
  }
}
