import Foundation
import RunsCore

extension AppState {
  /// Makes the source watchable; `enabled` starts watching at once (`--watch`): the first
  /// load is then the watch's.
  public mutating func enableWatching(_ enabled: Bool) {
    watch.available = true
    watch.enabled = enabled
    watch.started = enabled
  }

  /// Applies what a watch cycle found: changed runs replaced, removed runs dropped, markers
  /// set. The cursor stays on its run and on its screen line; selection, sort, filter, scope
  /// and the open screen stay. While watching is paused the update waits for `w`.
  public mutating func apply(_ update: RunsUpdate, now: Date) {
    guard watch.enabled else {
      if !update.isEmpty { watch.held.append(update) }
      return
    }
    watch.updatedAt = now
    watch.offlineSince = update.offlineSince
    if let problems = update.problems {
      self.problems = problems
      problemSet = Set(problems)
    }
    // Runs re-read without a visible change lose their markers: the cycle brought nothing new.
    for run in update.replaced where !update.changes.contains(where: { $0.runID == run.id }) {
      watch.marks[run.id] = nil
    }
    for change in update.changes {
      var marks = watch.marks[change.runID] ?? WatchState.Marks(since: now)
      marks.since = now
      switch change.kind {
      case .added: marks.added = true
      case .removed: watch.marks[change.runID] = nil
      case .status: marks.statusChanged = true
      case .metric(let name, _, _, _): marks.metrics[name] = change.kind.wentUp
      }
      if change.kind != .removed { watch.marks[change.runID] = marks }
    }
    guard !update.replaced.isEmpty || !update.removed.isEmpty else { return }
    let line = cursor - firstRow
    if !update.removed.isEmpty {
      remove(Set(update.removed))
      rebuild(.scope)
      refreshOpenScreens()
    }
    // Known runs go in place when they can; new ones (and the rest) through `receive`.
    var received = update.replaced
    if update.removed.isEmpty {
      let known = update.replaced.filter { indexByID[$0.id] != nil }
      if replaceInPlace(known) { received = update.replaced.filter { indexByID[$0.id] == nil } }
    }
    if !received.isEmpty {
      let wasLoading = loading
      receive(LoadResult(runs: received), loaded: runs.count, total: nil, finished: true)
      loading = wasLoading
    }
    watch.removedCount += update.removed.count
    // The cursor row keeps its place on screen, however the sort moved the runs around it.
    firstRow = max(0, min(cursor - line, model.shown.count - 1))
  }

  /// `w`: the first time (without `--watch`), reads the source again through its watch;
  /// then pauses or resumes watching, resuming with what arrived meanwhile.
  mutating func toggleWatching(now: Date = Date()) -> AppEffect {
    guard watch.available else {
      message =
        "\(sourceDescription) cannot be watched: only a runs directory or a KFP server changes"
      return .none
    }
    guard watch.started else {
      watch.started = true
      watch.enabled = true
      beginReload()
      return .startWatching
    }
    watch.enabled.toggle()
    guard watch.enabled else { return .none }
    let held = watch.held
    watch.held = []
    for update in held { apply(update, now: now) }
    return .none
  }

  /// Drops the runs `ids` (they left the source), and their selection and markers.
  private mutating func remove(_ ids: Set<String>) {
    let kept = runs.filter { !ids.contains($0.id) }
    guard kept.count != runs.count else { return }
    model.columns = RunColumns(runs: kept)
    indexByID = Dictionary(
      kept.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    selection.subtract(ids)
    for id in ids { watch.marks[id] = nil }
  }
}
