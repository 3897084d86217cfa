import RunsCore

extension AppState {
  /// Applies an action on the runs table.
  mutating func performOnTable(_ action: Action, key: Key) {
    let page = max(1, tableRows)
    switch action {
    case .up: moveCursor(to: cursor - 1)
    case .down: moveCursor(to: cursor + 1)
    case .pageUp:
      firstRow = max(0, firstRow - page)
      moveCursor(to: cursor - page)
    case .pageDown:
      firstRow = max(0, min(firstRow + page, model.shown.count - page))
      moveCursor(to: cursor + page)
    case .top: moveCursor(to: 0)
    case .bottom: moveCursor(to: model.shown.count - 1)
    case .left: moveColumnCursor(by: -1)
    case .right: moveColumnCursor(by: 1)
    case .sortByCursorColumn:
      let layout = TableLayout(self, width: width)
      sortBy(layout.index(of: columnCursor) != nil ? columnCursor : .name)
    case .sortByNumber:
      guard case .character(let digit) = key, let number = digit.wholeNumberValue else { return }
      let layout = TableLayout(self, width: width)
      guard number >= 1, number <= layout.columns.count else { return }
      sortBy(layout.columns[number - 1].column)
    case .toggleSelection:
      guard let id = cursorRun?.id else { return }
      if selection.remove(id) == nil { selection.insert(id) }
    case .selectAll: selectAllShown()
    case .compare: openCompare()
    case .details: if let id = cursorRun?.id { openDetails(id) }
    case .filter:
      filterBeforeInput = filterText
      screens.append(.filterInput)
    case .query: openQueryPrompt()
    case .clearQuery: clearQuery()
    case .pickExperiment: openExperimentPicker()
    case .pickMetrics: openMetricPicker()
    case .toggleBars: barsOn.toggle()
    case .plot: openPlot()
    default: break
    }
  }

  /// Sorts by `column`: best first the first time, reversed when it is already the sort. The
  /// cursor goes to the first row and the view to the top (as KFP's table goes back to page
  /// 1), so the best run is what the user sees and what `Enter` opens.
  mutating func sortBy(_ column: Column) {
    if sort.column == column {
      sort.ascending.toggle()
    } else {
      sort = SortOrder.best(for: column)
    }
    columnCursor = column
    rebuild(.sort)
    firstRow = 0
    moveCursor(to: 0)
  }

  /// `a`: selects every run shown, or clears the selection when they all are already.
  private mutating func selectAllShown() {
    let shownIDs = model.shown.map { runs[$0].id }
    if !shownIDs.isEmpty, shownIDs.allSatisfy({ selection.contains($0) }) {
      selection.removeAll()
    } else {
      selection.formUnion(shownIDs)
    }
  }

  /// Moves the column cursor among the visible columns; past the last visible metric column
  /// (or before the first) the metric columns scroll.
  private mutating func moveColumnCursor(by step: Int) {
    let layout = TableLayout(self, width: width)
    guard !layout.columns.isEmpty else { return }
    let current = layout.index(of: columnCursor) ?? 0
    let target = current + step
    let metrics = model.metricColumns
    let currentMetric: Int? =
      if case .metric(let name) = layout.columns[current].column {
        metrics.firstIndex(of: name)
      } else { nil }
    if let currentMetric, step > 0, target >= layout.columns.count, layout.moreRight {
      let next = currentMetric + 1
      columnCursor = .metric(metrics[next])
      // Scroll the metric columns until the new cursor column is on screen.
      while firstMetricColumn < next, TableLayout(self, width: width).index(of: columnCursor) == nil
      {
        firstMetricColumn += 1
      }
    } else if let currentMetric, step < 0, currentMetric == firstMetricColumn, firstMetricColumn > 0
    {
      firstMetricColumn -= 1
      columnCursor = .metric(metrics[firstMetricColumn])
    } else if target >= 0, target < layout.columns.count {
      columnCursor = layout.columns[target].column
    }
  }

  /// Runs to compare: the selection in table order, or the cursor run.
  func runsToCompare() -> [String] {
    if selection.isEmpty { return cursorRun.map { [$0.id] } ?? [] }
    var ids: [String] = []
    var taken = Set<String>()
    for index in model.sorted where selection.contains(runs[index].id) {
      ids.append(runs[index].id)
      taken.insert(runs[index].id)
    }
    // Selected runs outside the scope follow, in arrival order.
    if ids.count < selection.count {
      for run in runs where selection.contains(run.id) && !taken.contains(run.id) {
        ids.append(run.id)
      }
    }
    return ids
  }
}
