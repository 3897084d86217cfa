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

/// Data derived from the runs and the user's choices, kept so a frame never touches every run,
/// and updated as batches arrive by looking at the new runs only (see `AppState.rebuild`).
struct TableModel: Sendable {
  /// The runs with their per-column data (names for the filter, metric counts, sort keys).
  var columns = RunColumns()
  /// Indices of the runs in scope, in arrival order; `nil` when every run is.
  var scope: [Int]?
  /// The ids of the known experiments the scope's key names.
  var scopeExperimentIDs: Set<String> = []
  /// Whether the scope holds runs of more than one experiment (or with and without one).
  var severalExperiments = false
  var metricColumns: [String] = []
  var metricInfo: [MetricColumnInfo] = []
  /// The parameter columns (`AppState.chosenParameters`) with their widths over the scope.
  var parameterInfo: [ParameterColumnInfo] = []
  var widths = ContentWidths()
  /// The scope in sort order (indices into `runs`); runs whose sort was put off sit at the end.
  var sorted: [Int] = []
  /// `sorted` with the filter applied: the table's rows.
  var shown: [Int] = []
  /// Runs `0..<folded` are counted in the scope, widths, metric ranges and filter flags.
  var folded = 0
  /// What the widths and `severalExperiments` are folded from.
  var scopeTally = ScopeTally()
  /// What `metricInfo` is folded from, one per metric column.
  var metricRanges: [MetricRange] = []
  /// One flag per folded run: whether its name matches `filteredBy` (empty when no filter).
  var filterFlags: [Bool] = []
  var filteredBy = ""
  /// One flag per folded run: whether `queriedBy` holds (empty when there is no query).
  var queryFlags: [Bool] = []
  var queriedBy: Query?
  /// Runs received since the last sort (they sit unsorted at the end of `sorted`).
  var unsortedRuns = 0
}

/// The running maxima behind `ContentWidths` and whether the scope spans experiments.
struct ScopeTally: Sendable {
  var widths = ContentWidths()
  var statuses = Set<RunStatus>()
  var longestDuration: TimeInterval = 0
  /// The experiment id of the first run in scope (`.some(nil)` for a run without one).
  var firstExperiment: String??
  var severalExperiments = false
  /// Every run name in scope, and those more than one run in scope has (they get short ids).
  var names = Set<String>()
  var repeatedNames = Set<String>()

  /// The widths as the table uses them: status and duration from what was seen.
  var contentWidths: ContentWidths {
    var result = widths
    // Symbol, space, word.
    result.status = statuses.map { DisplayWidth.of($0.rawValue) + 2 }.max() ?? 0
    // A negative duration adds its sign.
    result.duration =
      longestDuration > 0 ? DisplayWidth.of(TimeText.duration(longestDuration)) + 1 : 0
    // Room for a short id: ` (` five characters `)`.
    if !repeatedNames.isEmpty {
      result.name = Swift.min(Self.widthCap, result.name + ShortID.minimumLength + 3)
    }
    return result
  }

  /// Takes run `index` of `runs` into account. Fields are read through the buffer: copying a
  /// `Run` would retain all of them.
  mutating func add(_ runs: UnsafeBufferPointer<Run>, _ index: Int) {
    widths.name = Self.widen(widths.name, runs[index].name)
    if !names.insert(runs[index].name).inserted { repeatedNames.insert(runs[index].name) }
    if let name = runs[index].experiment?.name {
      widths.experiment = Self.widen(widths.experiment, name)
    }
    if let pipeline = runs[index].pipeline {
      widths.pipeline = Self.widen(widths.pipeline, pipeline)
    }
    addStatus(runs[index].status, duration: runs[index].duration)
    let experimentID = runs[index].experiment?.id
    if let first = firstExperiment {
      if first != experimentID { severalExperiments = true }
    } else {
      firstExperiment = .some(experimentID)
    }
  }

  /// Takes a run's status and duration into account: all a replaced run with the same name,
  /// experiment and pipeline can change.
  mutating func addStatus(_ status: RunStatus?, duration: TimeInterval?) {
    if let status { statuses.insert(status) }
    if let duration, duration.magnitude > longestDuration {
      longestDuration = duration.magnitude
    }
  }

  /// The longest a text column's natural width gets.
  static let widthCap = 60

  /// `current` widened to fit `text` (capped). UTF-8 length bounds the display width, so most
  /// texts are skipped without measuring them.
  private static func widen(_ current: Int, _ text: String) -> Int {
    guard current < widthCap, text.utf8.count > current else { return current }
    return Swift.min(widthCap, Swift.max(current, DisplayWidth.of(TextSanitizer.clean(text))))
  }
}

/// The range and formats of one metric column's values over the scope, folded run by run in
/// arrival order.
struct MetricRange: Sendable {
  var low: Double?
  var high: Double?
  var formatsUsed = Set<MetricFormat>()
  /// The format of the first run in scope that has the metric (`MetricColumns.format`).
  var firstFormat: MetricFormat?

  mutating func add(_ value: Double, format: MetricFormat) {
    low = Swift.min(low ?? value, value)
    high = Swift.max(high ?? value, value)
    formatsUsed.insert(format)
    if firstFormat == nil { firstFormat = format }
  }

  /// The column's info: each cell shows its own entry's format, so the widest text comes from
  /// one of the extremes (the most digits, or a minus sign) in one of the formats used.
  func info(name: String) -> MetricColumnInfo {
    let texts = formatsUsed.flatMap { format in
      [low, high].compactMap { $0 }.map { KFPNumberFormat.text($0, format: format) }
    }
    return MetricColumnInfo(
      name: name, format: firstFormat ?? .unspecified, min: low, max: high,
      valueWidth: texts.map { DisplayWidth.of($0) }.max() ?? 0)
  }
}

/// Which inputs changed; each stage recomputes itself and every stage after it. `appended`
/// means only that runs were added at the end: the stages take in the new runs alone.
enum RebuildStage: Int, Comparable {
  case scope, appended, metrics, sort, filter

  static func < (lhs: RebuildStage, rhs: RebuildStage) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension AppState {
  /// Recomputes the derived data from `stage` on, then puts the cursor back on its run. With
  /// `deferSort`, runs new to the scope go to the end of the order unsorted (see `receive`).
  mutating func rebuild(_ stage: RebuildStage, deferSort: Bool = false) {
    if stage <= .scope { resetScope() }
    let newRuns = model.folded..<runs.count
    let newInScope = foldScope(newRuns)
    if stage <= .metrics {
      rebuildMetrics(adding: stage == .appended ? newInScope : nil)
      rebuildParameterColumns(adding: stage == .appended ? newInScope : nil)
    }
    var order = false
    if stage <= .sort {
      if deferSort && stage == .appended {
        model.sorted += newInScope
        model.unsortedRuns += newInScope.count
      } else {
        model.sorted = model.columns.sortedIndices(by: sort, among: model.scope)
        model.unsortedRuns = 0
        order = true
      }
    }
    rebuildFilter(newRuns: newRuns, newInScope: newInScope, reordered: order || stage <= .scope)
    syncCursor()
  }

  /// Whether `run` belongs to the scope (an experiment given by name also matches the ids
  /// of the known experiments of that name).
  func isInScope(_ run: Run) -> Bool {
    scope.contains(run, experimentIDs: model.scopeExperimentIDs)
  }

  /// Whether runs of `experiment` belong to the scope (what `isInScope` asks of a run).
  func scopeIncludes(_ experiment: ExperimentRef?) -> Bool {
    switch scope {
    case .all: true
    case .experiment(let key):
      experiment.map {
        $0.id == key || $0.name == key || model.scopeExperimentIDs.contains($0.id)
      } ?? false
    }
  }

  /// The ids of the known experiments the scope's key names (none for every run).
  func scopeExperimentIDs() -> Set<String> {
    guard case .experiment(let key) = scope else { return [] }
    return Set(experiments.filter { $0.id == key || $0.name == key }.map(\.id))
  }

  /// Forgets everything folded: the next fold takes in every run again.
  private mutating func resetScope() {
    model.scopeExperimentIDs = scopeExperimentIDs()
    model.scope = scope == .all ? nil : []
    model.folded = 0
    model.scopeTally = ScopeTally()
    model.filterFlags = []
    model.filteredBy = ""
  }

  /// Takes the runs `range` into the scope and the widths; returns those in scope.
  private mutating func foldScope(_ range: Range<Int>) -> [Int] {
    guard !range.isEmpty else { return [] }
    var inScope: [Int] = []
    inScope.reserveCapacity(range.count)
    var tally = model.scopeTally
    // Held once, so adding to its name sets does not copy them.
    model.scopeTally = ScopeTally()
    runs.withUnsafeBufferPointer { runs in
      for index in range where scopeIncludes(runs[index].experiment) {
        tally.add(runs, index)
        inScope.append(index)
      }
    }
    model.scopeTally = tally
    model.widths = tally.contentWidths
    model.severalExperiments = tally.severalExperiments
    if model.scope != nil { model.scope! += inScope }
    model.folded = range.upperBound
    return inScope
  }

  /// Chooses the metric columns and their ranges: folding in `added` alone while the columns
  /// stay the same, over the whole scope otherwise (`added` nil, or the top 3 changed).
  private mutating func rebuildMetrics(adding added: [Int]?) {
    let names =
      chosenMetrics ?? model.columns.metricCounts.top(3, includes: { scopeIncludes($0) })
    let whole = added == nil || names != model.metricColumns
    if whole {
      model.metricColumns = names
      model.columns.track(metrics: names)
      model.metricRanges = Array(repeating: MetricRange(), count: names.count)
    }
    for column in names.indices {
      let (values, formats) = model.columns.metricColumn(names[column])
      var range = model.metricRanges[column]
      func add(_ index: Int) {
        let value = values[index]
        if !value.isNaN, let format = formats[index] { range.add(value, format: format) }
      }
      if !whole {
        for index in added ?? [] { add(index) }
      } else if let scope = model.scope {
        for index in scope { add(index) }
      } else {
        for index in values.indices { add(index) }
      }
      model.metricRanges[column] = range
    }
    model.metricInfo = names.indices.map { model.metricRanges[$0].info(name: names[$0]) }
    firstMetricColumn = Swift.min(firstMetricColumn, Swift.max(0, names.count - 1))
  }

  /// Applies the filter and the query to the sorted scope through flags per run: the flags
  /// of new runs come from their names and columns alone; a changed filter text scans every
  /// name once, a changed query evaluates every run once.
  private mutating func rebuildFilter(newRuns: Range<Int>, newInScope: [Int], reordered: Bool) {
    let text = filterText
    var changed = refreshQueryFlags(newRuns: newRuns)
    if text.isEmpty {
      changed = changed || !model.filteredBy.isEmpty
      model.filterFlags = []
      model.filteredBy = ""
    } else if text != model.filteredBy || model.filterFlags.count != newRuns.lowerBound {
      model.filterFlags = model.columns.names.matchMask(text)
      model.filteredBy = text
      changed = true
    } else if !newRuns.isEmpty {
      model.filterFlags += model.columns.names.matchMask(text, runs: newRuns)
    }
    let names = model.filterFlags
    let queried = model.queryFlags
    if names.isEmpty && queried.isEmpty && text.isEmpty {
      if !reordered && !changed && model.shown.count + newInScope.count == model.sorted.count {
        // Appended to separately: sharing `sorted`'s storage would make every append copy it.
        model.shown += newInScope
      } else {
        model.shown = model.sorted
      }
      return
    }
    // Name filter and query combine with AND (no flags means no such condition).
    let keep: (Int) -> Bool = { index in
      (names.isEmpty || names[index]) && (queried.isEmpty || queried[index])
    }
    if changed || reordered || model.unsortedRuns == 0 {
      model.shown = model.sorted.filter(keep)
    } else {
      model.shown += newInScope.filter(keep)
    }
  }

  /// Puts the cursor back on its run (or the nearest row when the run is no longer shown) and
  /// scrolls so it is visible.
  mutating func syncCursor() {
    let shown = model.shown
    if shown.isEmpty {
      cursor = 0
      firstRow = 0
      return
    }
    if let id = cursorRunID, let index = indexByID[id],
      let row = cursor < shown.count && shown[cursor] == index
        ? cursor : shown.firstIndex(of: index)
    {
      // (Checked in place first: while runs arrive the cursor run mostly stays on its row.)
      cursor = row
    } else {
      cursor = Swift.min(Swift.max(0, cursor), shown.count - 1)
      cursorRunID = runs[shown[cursor]].id
    }
    scrollToCursor()
  }

  /// Scrolls the table the least needed to show the cursor row.
  mutating func scrollToCursor() {
    let rows = Swift.max(1, tableRows)
    if cursor < firstRow { firstRow = cursor }
    if cursor >= firstRow + rows { firstRow = cursor - rows + 1 }
    firstRow = Swift.max(0, Swift.min(firstRow, model.shown.count - rows))
  }

  /// Moves the cursor to `row` (clamped).
  mutating func moveCursor(to row: Int) {
    guard !model.shown.isEmpty else { return }
    cursor = Swift.min(Swift.max(0, row), model.shown.count - 1)
    cursorRunID = runs[model.shown[cursor]].id
    scrollToCursor()
  }
}
