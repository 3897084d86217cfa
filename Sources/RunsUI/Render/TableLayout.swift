import RunsCore

/// One column of the runs table as laid out for a terminal width.
struct TableColumn: Sendable, Hashable {
  var column: Column
  /// First cell.
  var x: Int
  /// Cells.
  var width: Int
  /// Numbers are right-aligned.
  var alignRight: Bool
}

/// Which columns of the runs table fit a width, and where. Text columns shrink first; then
/// Pipeline, Experiment, Duration and Start time are hidden, then the name narrows further,
/// and only then metric columns go (from the right), then Status. Run name always stays.
struct TableLayout: Sendable {
  /// The selection mark column's width (the mark and a space).
  static let markWidth = 2
  /// Space between columns.
  static let gap = 1
  /// The cell at the right of a metric column kept for the mark of a metric several nodes
  /// reported (the value and the title are right-aligned before it).
  static let markCell = 1

  var columns: [TableColumn]
  /// Metric columns are scrolled past on the left.
  var moreLeft: Bool
  /// Metric columns did not fit on the right.
  var moreRight: Bool

  /// The layout of `state`'s table for `width` cells.
  init(_ state: AppState, width: Int) {
    let model = state.model
    let offset = min(state.firstMetricColumn, max(0, model.metricColumns.count - 1))
    var candidates: [Candidate] = [
      Candidate(.name, natural: Self.titled(.name, model.widths.name), minimum: 20, last: 12),
      Candidate(.status, natural: Self.titled(.status, model.widths.status)),
      Candidate(.duration, natural: Self.titled(.duration, model.widths.duration), right: true),
    ]
    if model.severalExperiments {
      candidates.append(
        Candidate(
          .experiment, natural: Self.titled(.experiment, model.widths.experiment), minimum: 10))
    }
    if model.widths.pipeline > 0 {
      candidates.append(
        Candidate(.pipeline, natural: Self.titled(.pipeline, model.widths.pipeline), minimum: 10))
    }
    candidates.append(Candidate(.created, natural: Self.titled(.created, 19)))
    for info in model.metricInfo.dropFirst(offset) {
      // A cell for the arrow left of the title; one at the right for the several-nodes mark.
      let title = min(DisplayWidth.of(TextSanitizer.clean(info.name)) + 2, 20)
      candidates.append(
        Candidate(
          .metric(info.name), natural: max(6, title, info.valueWidth) + Self.markCell,
          right: true))
    }
    for info in model.parameterInfo {
      let title = min(DisplayWidth.of(TextSanitizer.clean(info.name)) + 2, 20)
      candidates.append(
        Candidate(
          .parameter(info.name), natural: max(4, title, info.valueWidth), right: info.numeric))
    }
    let available = max(0, width - Self.markWidth)
    let fitted = Self.fit(candidates, into: available)
    var x = Self.markWidth
    columns = fitted.map { candidate in
      defer { x += candidate.width + Self.gap }
      return TableColumn(
        column: candidate.column, x: x, width: candidate.width, alignRight: candidate.right)
    }
    let shownMetrics = fitted.filter { if case .metric = $0.column { true } else { false } }.count
    moreLeft = offset > 0
    moreRight = offset + shownMetrics < model.metricColumns.count
  }

  /// The column drawn at cell `x` (a gap belongs to the column on its left).
  func column(atX x: Int) -> TableColumn? {
    columns.last { $0.x <= x }.flatMap { x < $0.x + $0.width + Self.gap ? $0 : nil }
  }

  /// The position of `column` among the visible columns.
  func index(of column: Column) -> Int? {
    columns.firstIndex { $0.column == column }
  }

  /// Whether `column` is a metric column.
  static func isMetric(_ column: Column) -> Bool {
    if case .metric = column { true } else { false }
  }

  // MARK: Fitting

  private struct Candidate {
    var column: Column
    var natural: Int
    var minimum: Int
    /// The width it shrinks to only to keep metric columns on screen.
    var last: Int
    var right: Bool
    var width: Int

    init(
      _ column: Column, natural: Int, minimum: Int? = nil, last: Int? = nil, right: Bool = false
    ) {
      self.column = column
      self.natural = natural
      self.minimum = min(natural, minimum ?? natural)
      self.last = min(self.minimum, last ?? self.minimum)
      self.right = right
      width = natural
    }
  }

  /// Room for the title and a sort arrow, or the content, whichever is wider.
  private static func titled(_ column: Column, _ content: Int) -> Int {
    max(DisplayWidth.of(column.title) + 2, content)
  }

  private static func total(_ columns: [Candidate]) -> Int {
    columns.reduce(0) { $0 + $1.width } + max(0, columns.count - 1) * gap
  }

  private static func fit(_ all: [Candidate], into available: Int) -> [Candidate] {
    var columns = all
    shrink(&columns, into: available) { $0.minimum }
    // Hide Pipeline, Experiment, Duration and Start time (the spec's order, then the time);
    // then let the name get narrower; then hide metrics from the right; then Status.
    for column in [Column.pipeline, .experiment, .duration, .created]
    where total(columns) > available {
      columns.removeAll { $0.column == column }
    }
    shrink(&columns, into: available) { $0.last }
    var hideOrder = columns.reversed().map(\.column).filter {
      if case .parameter = $0 { return true }
      return isMetric($0)
    }
    hideOrder.append(.status)
    for column in hideOrder where total(columns) > available {
      columns.removeAll { $0.column == column }
    }
    // Room freed by hiding goes back to the text columns, the narrowest first.
    while total(columns) < available {
      let growable = columns.indices.filter {
        textColumns.contains(columns[$0].column) && columns[$0].width < columns[$0].natural
      }
      guard let narrowest = growable.min(by: { columns[$0].width < columns[$1].width }) else {
        break
      }
      columns[narrowest].width += 1
    }
    // Only the run name is left and it still does not fit: cut it to the screen.
    if total(columns) > available, let name = columns.firstIndex(where: { $0.column == .name }) {
      columns[name].width = max(1, columns[name].width - (total(columns) - available))
    }
    return columns
  }

  private static let textColumns: Set<Column> = [.name, .experiment, .pipeline]

  /// Shrinks the text columns, always the widest one by a cell, down to `floor` (so one long
  /// run name does not squeeze the experiment names to nothing).
  private static func shrink(
    _ columns: inout [Candidate], into available: Int, floor: (Candidate) -> Int
  ) {
    while total(columns) > available {
      let shrinkable = columns.indices.filter {
        textColumns.contains(columns[$0].column) && columns[$0].width > floor(columns[$0])
      }
      guard let widest = shrinkable.max(by: { columns[$0].width < columns[$1].width }) else {
        return
      }
      columns[widest].width -= 1
    }
  }
}
