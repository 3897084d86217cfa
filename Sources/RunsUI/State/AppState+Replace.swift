import RunsCore

extension AppState {
  /// At most this many changed runs are put in place one by one; more take a rebuild.
  static let inPlaceLimit = 64

  /// Puts changed runs (already known, same name, experiment, pipeline and parameters) in place
  /// without a rebuild: each leaves the sorted and shown order and goes back by binary search,
  /// and the metric ranges, widths and query flags take in its new values alone. A watch cycle
  /// over a million runs thus costs about as much as over a thousand. Returns false, having
  /// changed nothing, when it cannot: a sort by a text column, runs whose sort was put off, a
  /// reload under way, or a change that touches more than the changed runs' own cells.
  mutating func replaceInPlace(_ changed: [Run]) -> Bool {
    guard !changed.isEmpty, changed.count <= Self.inPlaceLimit, !replacing,
      model.unsortedRuns == 0, model.folded == runs.count
    else { return false }
    var replacements: [(index: Int, run: Run)] = []
    for run in changed {
      guard let index = indexByID[run.id], !replacements.contains(where: { $0.index == index })
      else { return false }
      let old = runs[index]
      guard old.name == run.name, old.experiment == run.experiment,
        old.pipeline == run.pipeline, old.parameters == run.parameters
      else { return false }
      replacements.append((index, run))
    }
    // Found while the keys are still the old ones; nothing changes unless all are found.
    let inScope = replacements.filter { scopeIncludes($0.run.experiment) }.map(\.index)
    var sortedAt: [Int] = []
    var shownAt: [Int] = []
    for index in inScope {
      guard let inSorted = position(of: index, in: model.sorted) else { return false }
      sortedAt.append(inSorted)
      if isShown(index) {
        guard let inShown = position(of: index, in: model.shown) else { return false }
        shownAt.append(inShown)
      }
    }
    for position in sortedAt.sorted(by: >) { model.sorted.remove(at: position) }
    for position in shownAt.sorted(by: >) { model.shown.remove(at: position) }

    let oldRuns = inScope.map { runs[$0] }
    model.columns.replace(replacements)
    let names =
      chosenMetrics ?? model.columns.metricCounts.top(3, includes: { scopeIncludes($0) })
    guard names == model.metricColumns else {
      // The top 3 changed: every column's range is new.
      rebuild(.scope)
      return true
    }
    updateMetricRanges(oldRuns: oldRuns, indices: inScope)
    for index in inScope {
      model.scopeTally.addStatus(runs[index].status, duration: runs[index].duration)
    }
    model.widths = model.scopeTally.contentWidths
    if let query = model.queriedBy, !model.queryFlags.isEmpty {
      for index in inScope {
        model.queryFlags[index] = model.columns.matchMask(query, runs: index..<index + 1)[0]
      }
    }
    for index in inScope {
      model.sorted.insert(index, at: insertion(of: index, in: model.sorted))
      if isShown(index) { model.shown.insert(index, at: insertion(of: index, in: model.shown)) }
    }
    syncCursor()
    refreshOpenScreens()
    return true
  }

  /// Whether the name filter and the query keep run `index` (no flags: no such condition).
  private func isShown(_ index: Int) -> Bool {
    (model.filterFlags.isEmpty || model.filterFlags[index])
      && (model.queryFlags.isEmpty || model.queryFlags[index])
  }

  /// Where `index` is in `list` (a list in sort order), by binary search; `nil` when absent.
  private mutating func position(of index: Int, in list: [Int]) -> Int? {
    let position = insertion(of: index, in: list)
    return position < list.count && list[position] == index ? position : nil
  }

  /// The first position of `list` (in sort order) whose run does not sort before `index`.
  private mutating func insertion(of index: Int, in list: [Int]) -> Int {
    var low = 0
    var high = list.count
    while low < high {
      let middle = (low + high) / 2
      if model.columns.precedes(list[middle], index, by: sort) == true {
        low = middle + 1
      } else {
        high = middle
      }
    }
    return low
  }

  /// Takes the changed runs' values into the metric columns' ranges. A range whose extreme
  /// or format the old value held is folded again over the scope: it may have shrunk.
  private mutating func updateMetricRanges(oldRuns: [Run], indices: [Int]) {
    for column in model.metricColumns.indices {
      let name = model.metricColumns[column]
      let (values, formats) = model.columns.metricColumn(name)
      var range = model.metricRanges[column]
      var again = false
      for (old, index) in zip(oldRuns, indices) {
        let value = values[index]
        // What the old run counted in the range; it may have been an extreme.
        if let was = old.metric(named: name), was.value.isFinite,
          was.format != formats[index]
            || (was.value != value && (was.value == range.low || was.value == range.high))
        {
          again = true
        }
        if !value.isNaN, let format = formats[index] { range.add(value, format: format) }
      }
      if again {
        range = MetricRange()
        for index in model.scope ?? Array(values.indices) {
          let value = values[index]
          if !value.isNaN, let format = formats[index] { range.add(value, format: format) }
        }
      }
      model.metricRanges[column] = range
    }
    model.metricInfo = model.metricColumns.indices.map {
      model.metricRanges[$0].info(name: model.metricColumns[$0])
    }
  }
}
