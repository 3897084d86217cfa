import RunsCore

/// The pickers' panel geometry (shared with mouse handling and paging).
struct PickerLayout: Sendable {
  var frame: PanelFrame

  init(width: Int, height: Int, items: Int) {
    frame = PanelFrame.centered(
      screenWidth: width, screenHeight: height, contentWidth: 56, contentRows: max(1, items))
  }

  /// The screen row of the first list item.
  var listTop: Int { frame.contentTop }
  /// How many items are visible.
  var listRows: Int { frame.contentRows }
}

/// The experiment picker (`e`) and the metric picker (`m`).
enum PickerScreens {
  static func drawExperiments(_ grid: inout Grid, _ state: AppState, theme: Theme) {
    guard let picker = state.experimentPicker else { return }
    let layout = PickerLayout(width: grid.width, height: grid.height, items: picker.items.count)
    let frame = layout.frame
    Panel.draw(
      &grid, frame: frame, title: "Experiment", footer: "Enter pick · Esc cancel", theme: theme)
    for slot in 0..<layout.listRows where picker.firstRow + slot < picker.items.count {
      let index = picker.firstRow + slot
      let item = picker.items[index]
      let current: Bool =
        switch state.scope {
        case .all: item.experiment == nil
        case .experiment(let key): item.experiment.map { $0.id == key || $0.name == key } ?? false
        }
      let base = theme.row(cursor: index == picker.cursor)
      let y = layout.listTop + slot
      grid.fill(x: frame.contentX - 1, y: y, count: frame.contentWidth + 2, style: base)
      let count = "\(item.count) run\(item.count == 1 ? "" : "s")"
      let countWidth = DisplayWidth.of(count)
      let name = item.experiment?.name ?? "All runs"
      let mark = current ? theme.glyphs.selected + " " : "  "
      grid.write(
        [
          Segment(mark, theme.mark(on: base)),
          Segment(name, item.experiment == nil ? theme.label.merged(base) : base),
        ],
        x: frame.contentX, y: y, width: max(0, frame.contentWidth - countWidth - 1))
      grid.write(
        count, x: frame.contentX + frame.contentWidth - countWidth, y: y, width: countWidth,
        style: base)
    }
  }

  static func drawMetrics(_ grid: inout Grid, _ state: AppState, theme: Theme) {
    guard let picker = state.metricPicker else { return }
    let layout = PickerLayout(width: grid.width, height: grid.height, items: picker.items.count)
    let frame = layout.frame
    let title =
      picker.checked.isEmpty
      ? "Metric columns (automatic: top 3)" : "Metric columns (\(picker.checked.count) chosen)"
    Panel.draw(
      &grid, frame: frame, title: title, footer: "Space check · Enter apply · Esc cancel",
      theme: theme)
    if picker.items.isEmpty {
      grid.write(
        "No metrics in scope.", x: frame.contentX, y: layout.listTop, width: frame.contentWidth)
      return
    }
    for slot in 0..<layout.listRows where picker.firstRow + slot < picker.items.count {
      let index = picker.firstRow + slot
      let item = picker.items[index]
      let base = theme.row(cursor: index == picker.cursor)
      let y = layout.listTop + slot
      grid.fill(x: frame.contentX - 1, y: y, count: frame.contentWidth + 2, style: base)
      let order = picker.checked.firstIndex(of: item.name).map { "[\($0 + 1)]" } ?? "[ ]"
      let count = "\(item.count) run\(item.count == 1 ? "" : "s")"
      let countWidth = DisplayWidth.of(count)
      grid.write(
        [Segment(TextLayout.pad(order, width: 5), theme.mark(on: base)), Segment(item.name, base)],
        x: frame.contentX, y: y, width: max(0, frame.contentWidth - countWidth - 1))
      grid.write(
        count, x: frame.contentX + frame.contentWidth - countWidth, y: y, width: countWidth,
        style: base)
    }
  }
}
