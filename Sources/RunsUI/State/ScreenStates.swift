import RunsCore

/// The compare view's own state: which runs, the direction overrides and the toggles.
struct CompareState: Sendable {
  /// The compared runs, in table order at the time `c` was pressed.
  var runIDs: [String]
  /// The matrix of the runs (rebuilt when runs reload or a direction flips).
  var matrix: CompareMatrix {
    didSet { nameSuffixes = Self.suffixes(matrix) }
  }
  /// After each run's name: its short id when another compared run has the same name.
  private(set) var nameSuffixes: [String]
  /// Metric name → higher is better, for rows flipped with `d`.
  var overrides: [String: Bool] = [:]
  /// `D`: cells show the difference from the first run.
  var delta = false
  /// `x`: rows whose values are all equal are hidden.
  var hideUniform = false
  /// The cursor among the selectable lines (section titles are skipped).
  var cursor = 0
  /// The first line shown.
  var firstRow = 0
  /// The run column under the column cursor.
  var columnCursor = 0
  /// The first run column shown.
  var firstRunColumn = 0
  /// The lines shown (see `refreshLines`).
  var lines: [CompareLine] = []
  /// The lines the cursor can be on (section titles excluded), as indices into `lines`.
  var selectableLines: [Int] = []

  init(runIDs: [String], matrix: CompareMatrix) {
    self.runIDs = runIDs
    self.matrix = matrix
    nameSuffixes = Self.suffixes(matrix)
    refreshLines()
  }

  private static func suffixes(_ matrix: CompareMatrix) -> [String] {
    ShortID.suffixes(names: matrix.runs.map(\.name), ids: matrix.runs.map(\.id))
  }
}

/// The details screen's state.
struct DetailsState: Sendable {
  var runID: String
  var firstRow = 0
  /// The first node column of the metric grid shown (← and → scroll a grid wider than the
  /// screen; the metric names stay).
  var firstNode = 0
  /// The run as laid out: the details open with it, and a reload that changes it lays it out
  /// again.
  var shownRun: Run
  /// Its layout, being made or made.
  var pending: PendingDetailsLayout

  init(run: Run) {
    runID = run.id
    shownRun = run
    pending = PendingDetailsLayout(run)
  }

  /// The layout, once made.
  var layout: DetailsLayout? { pending.layout }
}

extension AppState {
  /// Whether the open details have their metric grid laid out (or no details are open).
  public var detailsAreLaidOut: Bool { details.map { $0.layout != nil } ?? true }
}

/// The metric picker's state: every metric of the scope with its prevalence, and the choice.
struct MetricPickerState: Sendable {
  var items: [(name: String, count: Int)]
  /// Checked metric names, in the order they were checked.
  var checked: [String]
  var cursor = 0
  var firstRow = 0
}

/// The experiment picker's state: "All runs" then each experiment.
struct ExperimentPickerState: Sendable {
  /// `nil` for "All runs".
  var items: [(experiment: ExperimentRef?, count: Int)]
  var cursor = 0
  var firstRow = 0
}
