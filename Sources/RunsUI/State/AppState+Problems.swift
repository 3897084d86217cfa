import RunsCore

extension AppState {
  /// The problems list: the cursor moves by problem; `Enter` goes to the problem's run, or for
  /// a problem about a file shows its full path.
  mutating func performOnProblems(_ action: Action) {
    let last = max(0, problems.count - 1)
    let page = max(1, height - 3)
    let before = problemsCursor
    switch action {
    case .up: problemsCursor -= 1
    case .down: problemsCursor += 1
    case .pageUp: problemsCursor -= page
    case .pageDown: problemsCursor += page
    case .top: problemsCursor = 0
    case .bottom: problemsCursor = last
    case .details: goToProblem()
    default: return
    }
    problemsCursor = max(0, min(problemsCursor, last))
    if problemsCursor != before { problemsShowPath = false }
  }

  /// The run a problem is about, when it is loaded.
  func run(of problem: Problem) -> Run? {
    problem.runID.flatMap { run(id: $0) }
  }

  private mutating func goToProblem() {
    guard problems.indices.contains(problemsCursor) else { return }
    let problem = problems[problemsCursor]
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
