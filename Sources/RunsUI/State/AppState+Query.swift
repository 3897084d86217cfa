import RunsCore

extension AppState {
  /// `f`: opens the query prompt with the text of the query in force.
  mutating func openQueryPrompt() {
    queryPrompt = QueryPromptState(
      text: query?.text ?? pendingQuery ?? "", names: queryNames(),
      timeZone: options.timeZone)
    screens.append(.queryInput)
  }

  /// `F`: no query any more.
  mutating func clearQuery() {
    pendingQuery = nil
    guard query != nil else { return }
    query = nil
    rebuild(.filter)
  }

  /// The prompt takes printable characters as text; other keys go to the key map.
  mutating func editQuery(with key: Key) -> Bool {
    guard case .character(let character) = key, var prompt = queryPrompt else { return false }
    prompt.setText(prompt.text + String(character))
    queryPrompt = prompt
    return true
  }

  /// Applies an action in the prompt: Enter keeps a valid query (an invalid one stays in the
  /// prompt with its error, the previous query still in force), editing, Tab, history.
  mutating func performOnQueryPrompt(_ action: Action) {
    guard var prompt = queryPrompt else { return }
    switch action {
    case .apply:
      guard prompt.error == nil else { return }
      let text = prompt.text.trimmingCharacters(in: .whitespaces)
      if !text.isEmpty, queryHistory.last != text { queryHistory.append(text) }
      closeQueryPrompt()
      pendingQuery = nil
      if prompt.query != query {
        query = prompt.query
        rebuild(.filter)
      }
      return
    case .deleteCharacter: prompt.setText(String(prompt.text.dropLast()))
    case .clearText: prompt.setText("")
    case .complete: prompt.complete()
    case .up: prompt.previous(in: queryHistory)
    case .down: prompt.next(in: queryHistory)
    default: break
    }
    queryPrompt = prompt
  }

  /// Esc (or Enter): closes the prompt; the query in force stays as it was.
  mutating func closeQueryPrompt() {
    if topScreen == .queryInput { screens.removeLast() }
    queryPrompt = nil
  }

  /// The names a query can use: every metric and parameter of the runs loaded. Parameter
  /// names are gathered from the runs that arrived since the last call only.
  mutating func queryNames() -> QueryNames {
    let runs = runs
    if queryParameterNames.count > runs.count { queryParameterNames = (0, []) }
    var (counted, parameters) = queryParameterNames
    runs.withUnsafeBufferPointer { runs in
      for index in counted..<runs.count {
        for parameter in runs[index].parameters { parameters.insert(parameter.name) }
      }
    }
    counted = runs.count
    queryParameterNames = (counted, parameters)
    let metrics = model.columns.metricCounts.prevalence().map(\.name)
    return QueryNames(metrics: metrics, parameters: parameters)
  }

  /// A query given before the runs arrived (`--where`) is compiled once the names it uses
  /// are known; when loading ends and it still does not compile, the prompt opens with it
  /// and its error.
  mutating func applyPendingQuery(finished: Bool) {
    guard let text = pendingQuery else { return }
    let names = queryNames()
    do {
      query = try Query.compile(text, names: names, timeZone: options.timeZone)
      pendingQuery = nil
      rebuild(.filter)
    } catch {
      guard finished, topScreen == .table else { return }
      pendingQuery = nil
      queryPrompt = QueryPromptState(text: text, names: names, timeZone: options.timeZone)
      screens.append(.queryInput)
    }
  }

  /// Keeps one flag per folded run saying whether the query holds: all of them again when
  /// the query changed (or the runs were folded afresh), else those of `newRuns` added.
  /// Returns whether every flag was recomputed (or dropped).
  mutating func refreshQueryFlags(newRuns: Range<Int>) -> Bool {
    guard let query else {
      guard model.queriedBy != nil else { return false }
      model.queryFlags = []
      model.queriedBy = nil
      model.columns.keepQueryColumns(for: nil)
      return true
    }
    if model.queriedBy != query || model.queryFlags.count != newRuns.lowerBound {
      model.columns.keepQueryColumns(for: query)
      model.queryFlags = model.columns.matchMask(query, runs: 0..<newRuns.upperBound)
      model.queriedBy = query
      return true
    }
    if !newRuns.isEmpty { model.queryFlags += model.columns.matchMask(query, runs: newRuns) }
    return false
  }
}
