import RunsCore

extension AppState {
  /// Applies one key (or mouse event, or resize) and says what the main loop must do.
  public mutating func handle(_ key: Key) -> AppEffect {
    switch key {
    case .resize(let newWidth, let newHeight):
      resize(width: newWidth, height: newHeight)
      return .none
    // The process keys, the one place they are decided: Ctrl-C quits and Ctrl-Z suspends from
    // every screen, typing a filter included (raw mode turned them into keys).
    case .control("c"):
      return .quit
    case .control("z"):
      return .suspend
    case .mouse(let event):
      handleMouse(event)
      return .none
    default:
      break
    }
    message = nil
    if topScreen == .exportPrompt { return handleExportPrompt(key) }
    if topScreen == .filterInput, editFilter(with: key) { return .none }
    if topScreen == .queryInput, editQuery(with: key) { return .none }
    guard let action = KeyMap.action(for: key, in: topScreen.keyContext) else { return .none }
    return perform(action, key: key)
  }

  /// Applies an action on the screen on top.
  mutating func perform(_ action: Action, key: Key) -> AppEffect {
    switch action {
    case .quit:
      return .quit
    case .reload:
      beginReload()
      return .reload
    case .toggleWatch:
      return toggleWatching()
    case .help:
      if topScreen != .help {
        helpFirstRow = 0
        screens.append(.help)
      }
      return .none
    case .problems:
      if topScreen != .problems {
        problemsCursor = 0
        problemsShowPath = false
        screens.append(.problems)
      }
      return .none
    case .back:
      back()
      return .none
    case .copyID:
      return copyRunID()
    case .export:
      if topScreen == .table { openExportPrompt(.table) }
      if topScreen == .compare { openExportPrompt(.compare) }
      return .none
    default:
      break
    }
    switch topScreen {
    case .table: performOnTable(action, key: key)
    case .compare: performOnCompare(action)
    case .details: scrollDetails(action)
    case .help:
      var top = helpFirstRow
      scrollList(&top, action, lines: HelpScreen.lineCount)
      helpFirstRow = top
    case .problems: performOnProblems(action)
    case .filterInput:
      switch action {
      case .apply: screens.removeLast()
      case .deleteCharacter: setFilter(String(filterText.dropLast()))
      case .clearText: setFilter("")
      default: break
      }
    case .queryInput: performOnQueryPrompt(action)
    case .experimentPicker: performOnExperimentPicker(action)
    case .metricPicker: performOnMetricPicker(action)
    case .plot: performOnPlot(action)
    case .axisPicker: performOnAxisPicker(action)
    case .exportPrompt: break
    }
    return .none
  }

  /// Esc (and `q` off the table): close the screen on top; on the table, clear the filter.
  mutating func back() {
    switch topScreen {
    case .table:
      if !filterText.isEmpty { setFilter("") }
    case .filterInput:
      screens.removeLast()
      setFilter("")
    case .queryInput:
      closeQueryPrompt()
    default:
      screens.removeLast()
    }
    if !screens.contains(.compare) { compare = nil }
    if !screens.contains(.details) { details = nil }
    if !screens.contains(.experimentPicker) { experimentPicker = nil }
    if !screens.contains(.metricPicker) { metricPicker = nil }
    if !screens.contains(.plot) { plot = nil }
    if !screens.contains(.axisPicker) { plot?.picker = nil }
    if !screens.contains(.exportPrompt) { exportPrompt = nil }
  }

  mutating func resize(width newWidth: Int, height newHeight: Int) {
    width = max(0, newWidth)
    height = max(0, newHeight)
    scrollToCursor()
    clampCompare()
    refreshPlotRaster()
  }

  /// Sets the filter text and refilters.
  mutating func setFilter(_ text: String) {
    guard text != filterText else { return }
    filterText = text
    rebuild(.filter)
  }

  /// The filter input takes printable characters as text; other keys go to the key map.
  private mutating func editFilter(with key: Key) -> Bool {
    guard case .character(let character) = key else { return false }
    setFilter(filterText + String(character))
    return true
  }

  /// Scrolls a screen of `lines` lines that has no cursor.
  func scrollList(_ top: inout Int, _ action: Action, lines: Int) {
    let page = max(1, height - 3)
    switch action {
    case .up: top -= 1
    case .down: top += 1
    case .pageUp: top -= page
    case .pageDown: top += page
    case .top: top = 0
    case .bottom: top = lines
    default: return
    }
    top = max(0, min(top, lines - page))
  }

  private mutating func scrollDetails(_ action: Action) {
    guard var details else { return }
    let lines =
      run(id: details.runID).map { DetailsScreen.lineCount(of: $0, details: details, state: self) }
      ?? 0
    switch action {
    case .left: details.firstNode = max(0, details.firstNode - 1)
    case .right:
      let last = details.layout?.grid.lastFirstColumn(width: width) ?? 0
      details.firstNode = min(details.firstNode + 1, last)
    default: scrollList(&details.firstRow, action, lines: lines)
    }
    self.details = details
  }

  /// Opens the details of the run with `id`.
  mutating func openDetails(_ id: String) {
    guard let run = run(id: id) else { return }
    details = DetailsState(run: run)
    screens.append(.details)
  }
}
