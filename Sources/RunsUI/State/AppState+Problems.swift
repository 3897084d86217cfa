import RunsCore

extension AppState {
  /// The problems list: the cursor moves by problem; `Enter` goes to the problem's run, or for
  /// a problem about a file shows its full path.
  mutating func performOnProblems(_ action: Action) {
    let last = max(0, problems.count - 1)
    let page = max(1, height - 3)
    let before = problemsScroll
    switch action {
    case .up: problemsScroll -= 1
    case .down: problemsScroll += 1
    case .pageUp: problemsScroll -= page
    case .pageDown: problemsScroll += page
    case .top: problemsScroll = 0
    case .bottom: problemsScroll = last
    case .details: goToProblem()
    default: return
    }
    problemsScroll = max(0, min(problemsScroll, last))
    if problemsScroll != before { problemsShowPath = false }
  }

  /// The run a problem is about, when it is loaded.
  func run(of problem: Problem) -> Run? {
    problem.runID.flatMap { run(id: $0) }
  }

  private mutating func goToProblem() {
    guard problems.indices.contains(problemsScroll) else { return }
    let problem = problems[problemsScroll]
    guard let id = problem.runID, let index = indexByID[id] else {
      problemsShowPath.toggle()
      return
    }
    screens.removeAll { $0 == .problems }
    guard topScreen == .table else {
      openDetails(id)
      return
    }
    // On the table: the cursor goes to the run's row; a run the filter or scope hides opens
    // in details instead.
    if let row = model.shown.firstIndex(of: index) {
      moveCursor(to: row)
    } else {
      openDetails(id)
    }
  }
}
