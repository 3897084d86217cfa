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
    case .up: compare.rowCursor -= 1
    case .down: compare.rowCursor += 1
    case .pageUp: compare.rowCursor -= page
    case .pageDown: compare.rowCursor += page
    case .top: compare.rowCursor = 0
    case .bottom: compare.rowCursor = selectable.count - 1
    case .left: compare.columnCursor -= 1
    case .right: compare.columnCursor += 1
    case .flipDirection:
      let lines = compare.lines
      guard compare.rowCursor >= 0, compare.rowCursor < selectable.count,
        case .metric(let row) = lines[selectable[compare.rowCursor]]
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
        compare.rowCursor < selectable.count ? before[selectable[compare.rowCursor]] : nil
      compare.hideUniform.toggle()
      compare.refreshLines()
      let after = compare.lines
      if let current, let index = after.firstIndex(of: current) {
        compare.rowCursor = compare.selectableLines.firstIndex(of: index) ?? 0
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
    compare.rowCursor = max(0, min(compare.rowCursor, selectable.count - 1))
    compare.columnCursor = max(0, min(compare.columnCursor, compare.runIDs.count - 1))
    // Vertical: keep the cursor line visible.
    let rows = max(1, CompareLayout.bodyRows(height: height))
    if let line = selectable.indices.contains(compare.rowCursor)
      ? selectable[compare.rowCursor] : nil
    {
      if line < compare.scrollTop { compare.scrollTop = line }
      if line >= compare.scrollTop + rows { compare.scrollTop = line - rows + 1 }
      // Show the section title above the first row of a section.
      if line > 0, line - 1 < compare.scrollTop, !lines[line - 1].isSelectable {
        compare.scrollTop = line - 1
      }
    }
    compare.scrollTop = max(0, min(compare.scrollTop, lines.count - rows))
    // Horizontal: keep the cursor column visible.
    let layout = CompareLayout(self, compare: compare, width: width)
    let visible = max(1, layout.visibleColumns)
    if compare.columnCursor < compare.columnOffset { compare.columnOffset = compare.columnCursor }
    if compare.columnCursor >= compare.columnOffset + visible {
      compare.columnOffset = compare.columnCursor - visible + 1
    }
    compare.columnOffset = max(0, min(compare.columnOffset, compare.runIDs.count - visible))
    self.compare = compare
  }
}
