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
  /// The lines in order: overview, metrics, parameters; `x` hides uniform rows.
  var lines: [CompareLine] {
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

  /// The lines the cursor can be on (section titles excluded), as indices into `lines`.
  var selectableLines: [Int] {
    lines.indices.filter { lines[$0].isSelectable }
  }

}
