extension AppState {
  /// Lines the wheel scrolls per notch.
  static let wheelStep = 3

  /// Header click sorts, row click moves the cursor (on the mark: selects), wheel scrolls.
  mutating func handleMouse(_ event: MouseEvent) {
    guard !Screen.isTooSmall(width: width, height: height) else { return }
    switch (topScreen, event.kind) {
    case (.table, .leftClick), (.filterInput, .leftClick):
      clickTable(x: event.x, y: event.y)
    case (.table, .wheelUp), (.filterInput, .wheelUp):
      scrollTable(by: -Self.wheelStep)
    case (.table, .wheelDown), (.filterInput, .wheelDown):
      scrollTable(by: Self.wheelStep)
    case (_, .wheelUp):
      for _ in 0..<Self.wheelStep { _ = perform(.up, key: .up) }
    case (_, .wheelDown):
      for _ in 0..<Self.wheelStep { _ = perform(.down, key: .down) }
    case (.experimentPicker, .leftClick), (.metricPicker, .leftClick):
      clickPicker(y: event.y)
    default:
      break
    }
  }

  private mutating func clickTable(x: Int, y: Int) {
    if y == 0 {
      if let column = TableLayout(self, width: width).column(atX: x) { sortBy(column.column) }
      return
    }
    guard y >= 1, y <= tableRows else { return }
    let row = firstRow + y - 1
    guard row < model.shown.count else { return }
    moveCursor(to: row)
    if x < TableLayout.markWidth, let id = cursorRun?.id {
      if selection.remove(id) == nil { selection.insert(id) }
    }
  }

  /// Scrolls the table without moving the cursor unless it would leave the screen.
  mutating func scrollTable(by step: Int) {
    let rows = max(1, tableRows)
    firstRow = max(0, min(firstRow + step, model.shown.count - rows))
    if cursor < firstRow {
      moveCursor(to: firstRow)
    } else if cursor >= firstRow + rows {
      moveCursor(to: firstRow + rows - 1)
    }
  }

  private mutating func clickPicker(y: Int) {
    if var picker = experimentPicker, topScreen == .experimentPicker {
      let frame = PickerLayout(width: width, height: height, items: picker.items.count)
      let row = y - frame.listTop
      guard row >= 0, row < frame.listRows, picker.firstRow + row < picker.items.count else {
        return
      }
      picker.cursor = picker.firstRow + row
      experimentPicker = picker
    } else if var picker = metricPicker, topScreen == .metricPicker {
      let frame = PickerLayout(width: width, height: height, items: picker.items.count)
      let row = y - frame.listTop
      guard row >= 0, row < frame.listRows, picker.firstRow + row < picker.items.count else {
        return
      }
      picker.cursor = picker.firstRow + row
      metricPicker = picker
    }
  }
}
