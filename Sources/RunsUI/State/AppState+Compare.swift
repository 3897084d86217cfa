import RunsCore

extension AppState {
  /// `c`: opens the compare view on the selection (or the cursor run).
  mutating func openCompare() {
    let ids = runsToCompare()
    guard !ids.isEmpty else { return }
    let runs = ids.compactMap { run(id: $0) }
    compare = CompareState(runIDs: ids, matrix: CompareMatrix(runs: runs))
    screens.append(.compare)
  }

  /// Applies an action in the compare view.
  mutating func performOnCompare(_ action: Action) {
    guard var compare else { return }
    let selectable = compare.selectableLines
    let page = max(1, height - 4)
    switch action {
    case .up: compare.cursor -= 1
    case .down: compare.cursor += 1
    case .pageUp: compare.cursor -= page
    case .pageDown: compare.cursor += page
    case .top: compare.cursor = 0
    case .bottom: compare.cursor = selectable.count - 1
    case .left: compare.columnCursor -= 1
    case .right: compare.columnCursor += 1
    case .flipDirection:
      let lines = compare.lines
      guard compare.cursor >= 0, compare.cursor < selectable.count,
        case .metric(let row) = lines[selectable[compare.cursor]]
      else { break }
      let name = compare.matrix.metricNames[row]
      compare.overrides[name] = !compare.matrix.higherIsBetter(row: row)
      compare.matrix = CompareMatrix(
        runs: compare.runIDs.compactMap { run(id: $0) }, directionOverrides: compare.overrides)
      compare.refreshLines()
    case .toggleDelta: compare.delta.toggle()
    case .toggleUniform:
      // Keep the cursor on the same line when it stays visible.
      let before = compare.lines
      let current =
        compare.cursor < selectable.count ? before[selectable[compare.cursor]] : nil
      compare.hideUniform.toggle()
      compare.refreshLines()
      let after = compare.lines
      if let current, let index = after.firstIndex(of: current) {
        compare.cursor = compare.selectableLines.firstIndex(of: index) ?? 0
      }
    case .details:
      let column = compare.columnCursor
      self.compare = compare
      if column >= 0, column < compare.runIDs.count { openDetails(compare.runIDs[column]) }
      return
    default: break
    }
    self.compare = compare
    clampCompare()
  }

  /// Keeps the compare cursors and scroll positions inside the content and the terminal.
  mutating func clampCompare() {
    guard var compare else { return }
    let lines = compare.lines
    let selectable = compare.selectableLines
    compare.cursor = max(0, min(compare.cursor, selectable.count - 1))
    compare.columnCursor = max(0, min(compare.columnCursor, compare.runIDs.count - 1))
    // Vertical: keep the cursor line visible.
    let rows = max(1, CompareLayout.bodyRows(height: height))
    if let line = selectable.indices.contains(compare.cursor)
      ? selectable[compare.cursor] : nil
    {
      if line < compare.firstRow { compare.firstRow = line }
      if line >= compare.firstRow + rows { compare.firstRow = line - rows + 1 }
      // Show the section title above the first row of a section.
      if line > 0, line - 1 < compare.firstRow, !lines[line - 1].isSelectable {
        compare.firstRow = line - 1
      }
    }
    compare.firstRow = max(0, min(compare.firstRow, lines.count - rows))
    // Horizontal: keep the cursor column visible.
    let layout = CompareLayout(self, compare: compare, width: width)
    let visible = max(1, layout.visibleColumns)
    if compare.columnCursor < compare.firstRunColumn {
      compare.firstRunColumn = compare.columnCursor
    }
    if compare.columnCursor >= compare.firstRunColumn + visible {
      compare.firstRunColumn = compare.columnCursor - visible + 1
    }
    compare.firstRunColumn = max(0, min(compare.firstRunColumn, compare.runIDs.count - visible))
    self.compare = compare
  }
}
