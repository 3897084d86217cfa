import RunsCore

/// A field of the compare view's overview block.
enum OverviewField: CaseIterable, Sendable {
  case status, duration, started, experiment

  var title: String {
    switch self {
    case .status: "Status"
    case .duration: "Duration"
    case .started: "Start time"
    case .experiment: "Experiment"
    }
  }
}

/// One line of the compare view.
enum CompareLine: Hashable, Sendable {
  case section(String)
  case overview(OverviewField)
  /// A row of the compare matrix's metrics.
  case metric(Int)
  /// A row of the compare matrix's parameters.
  case parameter(Int)

  var isSelectable: Bool {
    if case .section = self { false } else { true }
  }
}

extension CompareState {
  /// The lines in order: overview, metrics, parameters; `x` hides uniform rows. Computed when
  /// the matrix or the toggle changes (`refreshLines`), not per frame.
  func computeLines() -> [CompareLine] {
    var lines: [CompareLine] = OverviewField.allCases.map { .overview($0) }
    let metricRows = matrix.metricNames.indices.filter {
      !hideUniform || !matrix.isUniform(row: $0)
    }
    lines.append(.section("Metrics"))
    lines += metricRows.map { .metric($0) }
    let parameterRows = matrix.parameterNames.indices.filter {
      !hideUniform || !matrix.isParameterUniform(row: $0)
    }
    if !matrix.parameterNames.isEmpty {
      lines.append(.section("Parameters"))
      lines += parameterRows.map { .parameter($0) }
    }
    return lines
  }

  /// Recomputes `lines` and `selectableLines`.
  mutating func refreshLines() {
    lines = computeLines()
    selectableLines = lines.indices.filter { lines[$0].isSelectable }
  }

}
