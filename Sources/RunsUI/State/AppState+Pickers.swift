import RunsCore

extension AppState {
  /// `e`: "All runs" and every experiment with its run count.
  mutating func openExperimentPicker() {
    var counts: [String: Int] = [:]
    for run in runs {
      if let id = run.experiment?.id { counts[id, default: 0] += 1 }
    }
    let sorted = experiments.sorted {
      let order = $0.name.lowercased().compare($1.name.lowercased())
      return order == .orderedSame ? $0.id < $1.id : order == .orderedAscending
    }
    var items: [(experiment: ExperimentRef?, count: Int)] = [(nil, runs.count)]
    items += sorted.map { ($0, counts[$0.id] ?? 0) }
    var picker = ExperimentPickerState(items: items)
    if case .experiment(let key) = scope {
      picker.cursor =
        items.firstIndex { $0.experiment?.id == key }
        ?? items.firstIndex { $0.experiment?.name == key } ?? 0
    }
    experimentPicker = picker
    screens.append(.experimentPicker)
    clampPicker(&picker.cursor, &picker.firstRow, count: items.count)
    experimentPicker = picker
  }

  /// `m`: every metric of the scope with its prevalence, then every parameter (`param:NAME`);
  /// the shown columns checked.
  mutating func openMetricPicker() {
    let items =
      model.columns.metricCounts.prevalence(includes: { scopeIncludes($0) })
      + parameterPickerItems()
    metricPicker = MetricPickerState(
      items: items,
      checked: model.metricColumns + chosenParameters.map { Self.parameterItemPrefix + $0 })
    screens.append(.metricPicker)
  }

  mutating func performOnExperimentPicker(_ action: Action) {
    guard var picker = experimentPicker else { return }
    if action == .apply {
      let chosen = picker.cursor < picker.items.count ? picker.items[picker.cursor].experiment : nil
      back()
      let newScope: Scope = chosen.map { .experiment($0.id) } ?? .all
      if newScope != scope {
        scope = newScope
        firstMetricColumn = 0
        rebuild(.scope)
      }
      return
    }
    movePicker(&picker.cursor, action, count: picker.items.count)
    clampPicker(&picker.cursor, &picker.firstRow, count: picker.items.count)
    experimentPicker = picker
  }

  mutating func performOnMetricPicker(_ action: Action) {
    guard var picker = metricPicker else { return }
    switch action {
    case .apply:
      let isParameter = { (name: String) in
        picker.items.contains { $0.name == name } && name.hasPrefix(Self.parameterItemPrefix)
      }
      let checked = picker.checked.filter { !isParameter($0) }
      let parameters = picker.checked.filter(isParameter).map {
        String($0.dropFirst(Self.parameterItemPrefix.count))
      }
      back()
      if parameters != chosenParameters {
        chosenParameters = parameters
        rebuild(.metrics)
      }
      let automatic = model.columns.metricCounts.top(3, includes: { scopeIncludes($0) })
      let choice: [String]? = checked.isEmpty || checked == automatic ? nil : checked
      if choice != chosenMetrics || (choice == nil && model.metricColumns != automatic) {
        chosenMetrics = choice
        firstMetricColumn = 0
        rebuild(.metrics)
      }
      return
    case .toggleItem:
      guard picker.cursor >= 0, picker.cursor < picker.items.count else { break }
      let name = picker.items[picker.cursor].name
      if let index = picker.checked.firstIndex(of: name) {
        picker.checked.remove(at: index)
      } else {
        picker.checked.append(name)
      }
    case .clearItems:
      picker.checked = []
    default:
      movePicker(&picker.cursor, action, count: picker.items.count)
    }
    clampPicker(&picker.cursor, &picker.firstRow, count: picker.items.count)
    metricPicker = picker
  }

  private func movePicker(_ cursor: inout Int, _ action: Action, count: Int) {
    let page = max(1, PickerLayout(width: width, height: height, items: count).listRows)
    switch action {
    case .up: cursor -= 1
    case .down: cursor += 1
    case .pageUp: cursor -= page
    case .pageDown: cursor += page
    case .top: cursor = 0
    case .bottom: cursor = count - 1
    default: break
    }
  }

  func clampPicker(_ cursor: inout Int, _ top: inout Int, count: Int) {
    let rows = max(1, PickerLayout(width: width, height: height, items: count).listRows)
    cursor = max(0, min(cursor, count - 1))
    if cursor < top { top = cursor }
    if cursor >= top + rows { top = cursor - rows + 1 }
    top = max(0, min(top, count - rows))
  }
}
