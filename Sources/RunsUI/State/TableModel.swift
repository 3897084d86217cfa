import Foundation
import RunsCore

/// A metric column's format and the range of its values over the scope (for bars and width).
struct MetricColumnInfo: Sendable, Hashable {
  var name: String
  var format: MetricFormat
  var min: Double?
  var max: Double?
  /// Cells the widest formatted value takes.
  var valueWidth: Int
}

/// The widest content of the text columns over the scope (capped: widths only need a bound).
struct ContentWidths: Sendable, Hashable {
  var name = 0
  var status = 0
  var duration = 0
  var experiment = 0
  var pipeline = 0
}

/// Data derived from the runs and the user's choices, kept so a frame never touches every run.
struct TableModel: Sendable {
  /// Indices of the runs in scope, in arrival order; `nil` when every run is.
  var scope: [Int]?
  /// The ids of the known experiments the scope's key names.
  var scopeExperimentIDs: Set<String> = []
  /// Whether the scope holds runs of more than one experiment (or with and without one).
  var severalExperiments = false
  var metricColumns: [String] = []
  var metricInfo: [MetricColumnInfo] = []
  var widths = ContentWidths()
  /// The scope in sort order (indices into `runs`).
  var sorted: [Int] = []
  /// `sorted` with the filter applied: the table's rows.
  var shown: [Int] = []
  /// The scope's sort keys, kept so that sorting again costs about a bare `[Double]` sort;
  /// `nil` until the first sort after the scope or the runs change.
  var sortKeys: RunSortKeys?
}

/// Which inputs changed; each stage recomputes itself and every stage after it.
enum RebuildStage: Int, Comparable {
  case scope, metrics, sort, filter

  static func < (lhs: RebuildStage, rhs: RebuildStage) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension AppState {
  /// The longest a text column's natural width gets.
  static let widthCap = 60

  /// Recomputes the derived data from `stage` on, then puts the cursor back on its run.
  /// Runs received without a rebuild (see `receive`) make any rebuild a full one.
  mutating func rebuild(_ requested: RebuildStage) {
    let stage = pendingRuns > 0 ? .scope : requested
    pendingRuns = 0
    if stage <= .scope {
      rebuildScope()
      model.sortKeys = nil
    }
    let needsRuns = stage <= .metrics || (stage <= .sort && model.sortKeys == nil)
    let scopeRuns = needsRuns ? self.scopeRuns() : []
    if stage <= .metrics { rebuildMetrics(scopeRuns) }
    if stage <= .sort {
      if model.sortKeys == nil { model.sortKeys = RunSortKeys(runs: scopeRuns) }
      let order = model.sortKeys?.sortedIndices(by: sort) ?? []
      if let scope = model.scope {
        model.sorted = order.map { scope[$0] }
      } else {
        model.sorted = order
      }
    }
    rebuildFilter()
    syncCursor()
  }

  /// Whether `run` belongs to the scope (an experiment given by name also matches the ids
  /// of the known experiments of that name).
  func isInScope(_ run: Run) -> Bool {
    scope.contains(run, experimentIDs: model.scopeExperimentIDs)
  }

  /// The runs in scope, as an array the core functions take.
  func scopeRuns() -> [Run] {
    guard let scope = model.scope else { return runs }
    return scope.map { runs[$0] }
  }

  private mutating func rebuildScope() {
    switch scope {
    case .all:
      model.scope = nil
    case .experiment(let key):
      model.scopeExperimentIDs = Set(
        experiments.filter { $0.id == key || $0.name == key }.map(\.id))
      model.scope = runs.indices.filter { isInScope(runs[$0]) }
    }
    var widths = ContentWidths()
    var firstExperiment: String??
    var several = false
    var statuses = Set<RunStatus>()
    var longest: TimeInterval = 0
    forEachScopeIndex { index in
      widths.name = Self.widen(widths.name, runs[index].name)
      if let name = runs[index].experiment?.name {
        widths.experiment = Self.widen(widths.experiment, name)
      }
      if let pipeline = runs[index].pipeline {
        widths.pipeline = Self.widen(widths.pipeline, pipeline)
      }
      if let status = runs[index].status { statuses.insert(status) }
      if let duration = runs[index].duration, duration.magnitude > longest {
        longest = duration.magnitude
      }
      let experimentID = runs[index].experiment?.id
      if let first = firstExperiment {
        if first != experimentID { several = true }
      } else {
        firstExperiment = .some(experimentID)
      }
    }
    // Symbol, space, word.
    widths.status = statuses.map { DisplayWidth.of($0.rawValue) + 2 }.max() ?? 0
    // A negative duration adds its sign.
    widths.duration = longest > 0 ? DisplayWidth.of(TimeText.duration(longest)) + 1 : 0
    model.widths = widths
    model.severalExperiments = several
  }

  private mutating func rebuildMetrics(_ scopeRuns: [Run]) {
    let names = chosenMetrics ?? MetricColumns.top(3, in: scopeRuns)
    model.metricColumns = names
    var lows = [Double?](repeating: nil, count: names.count)
    var highs = [Double?](repeating: nil, count: names.count)
    var formatsUsed = [Set<MetricFormat>](repeating: [], count: names.count)
    // The column's format is that of the first run in scope that has it, as
    // `MetricColumns.format(of:in:)` defines it.
    var firstFormats = [MetricFormat?](repeating: nil, count: names.count)
    for run in scopeRuns {
      // Many columns share one index of the run's entries; a few keep the cheap scans.
      let entries = names.count > Run.lookupScanLimit ? run.runLevelMetrics() : nil
      for column in names.indices {
        let found =
          if let entries { entries[names[column]] } else { run.metric(named: names[column]) }
        guard let metric = found else { continue }
        lows[column] = Swift.min(lows[column] ?? metric.value, metric.value)
        highs[column] = Swift.max(highs[column] ?? metric.value, metric.value)
        formatsUsed[column].insert(metric.format)
        if firstFormats[column] == nil { firstFormats[column] = metric.format }
      }
    }
    model.metricInfo = names.indices.map { column in
      let (low, high) = (lows[column], highs[column])
      // Each cell shows its own entry's format. The widest text comes from one of the
      // extremes (the most digits, or a minus sign) in one of the formats used.
      let texts = formatsUsed[column].flatMap { format in
        [low, high].compactMap { $0 }.map { KFPNumberFormat.text($0, format: format) }
      }
      let width = texts.map { DisplayWidth.of($0) }.max() ?? 0
      return MetricColumnInfo(
        name: names[column], format: firstFormats[column] ?? .unspecified, min: low, max: high,
        valueWidth: width)
    }
    metricOffset = Swift.min(metricOffset, Swift.max(0, names.count - 1))
  }

  /// Filters the sorted scope: the core matcher runs once over the runs (its needle prepared
  /// once), then the sorted order is kept through a mask.
  private mutating func rebuildFilter() {
    let text = filterText
    if text.isEmpty {
      model.shown = model.sorted
    } else {
      var mask = [Bool](repeating: false, count: runs.count)
      for index in RunFilter.matchingIndices(runs, text: text) { mask[index] = true }
      model.shown = model.sorted.filter { mask[$0] }
    }
  }

  /// Calls `body` with the index of every run in scope. Indices, not `Run` values: reading a
  /// field through the array retains that field only, while copying a run retains them all.
  private func forEachScopeIndex(_ body: (Int) -> Void) {
    if let scope = model.scope {
      for index in scope { body(index) }
    } else {
      for index in runs.indices { body(index) }
    }
  }

  /// `current` widened to fit `text` (capped). UTF-8 length bounds the display width, so most
  /// texts are skipped without measuring them.
  private static func widen(_ current: Int, _ text: String) -> Int {
    guard current < widthCap, text.utf8.count > current else { return current }
    return Swift.min(widthCap, Swift.max(current, DisplayWidth.of(TextSanitizer.clean(text))))
  }

  /// Puts the cursor back on its run (or the nearest row when the run is no longer shown) and
  /// scrolls so it is visible.
  mutating func syncCursor() {
    let shown = model.shown
    if shown.isEmpty {
      cursorRow = 0
      scrollTop = 0
      return
    }
    if let id = cursorRunID, let index = indexByID[id], let row = shown.firstIndex(of: index) {
      cursorRow = row
    } else {
      cursorRow = Swift.min(Swift.max(0, cursorRow), shown.count - 1)
      cursorRunID = runs[shown[cursorRow]].id
    }
    scrollToCursor()
  }

  /// Scrolls the table the least needed to show the cursor row.
  mutating func scrollToCursor() {
    let rows = Swift.max(1, tableRows)
    if cursorRow < scrollTop { scrollTop = cursorRow }
    if cursorRow >= scrollTop + rows { scrollTop = cursorRow - rows + 1 }
    scrollTop = Swift.max(0, Swift.min(scrollTop, model.shown.count - rows))
  }

  /// Moves the cursor to `row` (clamped).
  mutating func moveCursor(to row: Int) {
    guard !model.shown.isEmpty else { return }
    cursorRow = Swift.min(Swift.max(0, row), model.shown.count - 1)
    cursorRunID = runs[model.shown[cursorRow]].id
    scrollToCursor()
  }
}
