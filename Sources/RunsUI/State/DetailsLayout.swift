import Foundation
import RunsCore

/// The node × metric grid of one run's details, laid out once when the details open: rows are
/// metric names in first-seen order, columns node ids in order, each column as wide as its
/// widest cell. A frame then costs the rows and columns it shows, not the whole grid (a run
/// may have 100,000 steps each with its own metric, or one step with 480,000 metrics).
struct MetricGridLayout: Sendable {
  /// Metric names, one per row, cleaned for display.
  let names: [String]
  /// Node ids, one per column, cleaned for display.
  let nodes: [String]
  /// The label column's width.
  let labelWidth: Int
  /// Each node column's width.
  let nodeWidths: [Int]
  /// Row `r`'s cells are `cellNodes[rowStarts[r]..<rowStarts[r + 1]]` (ascending column
  /// indices) with their texts in `cellTexts`: a run's entries, at most one per cell (the
  /// first a step reported).
  private let rowStarts: [Int]
  private let cellNodes: [Int32]
  private let cellTexts: [String]

  /// Lays out the grid of `metrics`: linear in the entries but for sorting the node ids.
  init(_ metrics: [Metric]) {
    var rowOf: [String: Int32] = [:]
    var names: [String] = []
    var columnOf: [String: Int32] = [:]
    var nodes: [String] = []
    var rows = [Int32](repeating: 0, count: metrics.count)
    var columns = [Int32](repeating: 0, count: metrics.count)
    for (index, metric) in metrics.enumerated() {
      if let row = rowOf[metric.name] {
        rows[index] = row
      } else {
        rows[index] = Int32(names.count)
        rowOf[metric.name] = Int32(names.count)
        names.append(metric.name)
      }
      // A step's entries mostly come together: the previous entry's node costs no hashing.
      if index > 0, metric.nodeID == metrics[index - 1].nodeID {
        columns[index] = columns[index - 1]
      } else if let column = columnOf[metric.nodeID] {
        columns[index] = column
      } else {
        columns[index] = Int32(nodes.count)
        columnOf[metric.nodeID] = Int32(nodes.count)
        nodes.append(metric.nodeID)
      }
    }
    // Columns in node-id order: renumber the first-seen numbers by rank.
    let order = nodes.indices.sorted { nodes[$0] < nodes[$1] }
    var rank = [Int32](repeating: 0, count: nodes.count)
    for (position, column) in order.enumerated() { rank[column] = Int32(position) }
    nodes = order.map { nodes[$0] }

    // Entries grouped by row (a counting sort keeps their order within a row), then each
    // row's by column; of two entries in one cell the first is kept.
    var rowStarts = [Int](repeating: 0, count: names.count + 1)
    for row in rows { rowStarts[Int(row) + 1] += 1 }
    for row in 0..<names.count { rowStarts[row + 1] += rowStarts[row] }
    var next = rowStarts
    var grouped = [Int32](repeating: 0, count: metrics.count)
    for index in metrics.indices {
      let row = Int(rows[index])
      grouped[next[row]] = Int32(index)
      next[row] += 1
    }
    var cellNodes: [Int32] = []
    var cellTexts: [String] = []
    cellNodes.reserveCapacity(metrics.count)
    cellTexts.reserveCapacity(metrics.count)
    var nodeWidths = nodes.map { min(Self.widestColumn, DisplayWidth.of(TextSanitizer.clean($0))) }
    var keptStarts = [Int](repeating: 0, count: names.count + 1)
    for row in 0..<names.count {
      let range = rowStarts[row]..<rowStarts[row + 1]
      if range.count > 1 {
        grouped[range].sort {
          (rank[Int(columns[Int($0)])], $0) < (rank[Int(columns[Int($1)])], $1)
        }
      }
      var previous: Int32 = -1
      for entry in grouped[range] {
        let column = rank[Int(columns[Int(entry)])]
        if column == previous { continue }
        previous = column
        let text = metrics[Int(entry)].displayText
        nodeWidths[Int(column)] = min(
          Self.widestColumn, max(nodeWidths[Int(column)], DisplayWidth.of(text)))
        cellNodes.append(column)
        cellTexts.append(text)
      }
      keptStarts[row + 1] = cellNodes.count
    }

    self.names = names.map(TextSanitizer.clean)
    self.nodes = nodes.map(TextSanitizer.clean)
    self.labelWidth = min(40, max(6, self.names.lazy.map(DisplayWidth.of).max() ?? 0))
    self.nodeWidths = nodeWidths
    self.rowStarts = keptStarts
    self.cellNodes = cellNodes
    self.cellTexts = cellTexts
  }

  /// A node column is at most this wide.
  static let widestColumn = 30

  /// Header and metric rows.
  var lineCount: Int { names.isEmpty ? 1 : names.count + 1 }

  /// Line `index` of the grid (0 is the header) with the columns from `firstColumn` on that
  /// fit in `width` cells.
  func line(_ index: Int, firstColumn: Int = 0, width: Int, theme: Theme) -> [Segment] {
    guard !names.isEmpty else { return [Segment("  none", theme.dim)] }
    let columns = visibleColumns(from: firstColumn, width: width)
    if index == 0 {
      var header = [Segment("  " + TextLayout.pad("metric", width: labelWidth), theme.label)]
      for column in columns {
        header.append(
          Segment(
            "  " + TextLayout.pad(nodes[column], width: nodeWidths[column], alignRight: true),
            theme.label))
      }
      return header
    }
    let row = index - 1
    var line = [Segment("  " + TextLayout.pad(names[row], width: labelWidth))]
    guard !columns.isEmpty else { return line }
    // The row's cells from the first visible column on: a binary search, then a walk.
    var cell = lowerBound(Int32(columns.lowerBound), in: rowStarts[row]..<rowStarts[row + 1])
    for column in columns {
      var text = ""
      if cell < rowStarts[row + 1], cellNodes[cell] == Int32(column) {
        text = cellTexts[cell]
        cell += 1
      }
      line.append(
        Segment("  " + TextLayout.pad(text, width: nodeWidths[column], alignRight: true)))
    }
    return line
  }

  /// The first column to show from so that the last column ends inside `width` cells (0 when
  /// every column fits): scrolling right stops there.
  func lastFirstColumn(width: Int) -> Int {
    var x = 2 + labelWidth
    var first = nodes.count
    while first > 0, x + 2 + nodeWidths[first - 1] <= width {
      x += 2 + nodeWidths[first - 1]
      first -= 1
    }
    return min(first, max(0, nodes.count - 1))
  }

  /// The columns from `first` on that are whole inside `width` cells (at least `first`'s).
  func wholeColumns(from first: Int, width: Int) -> Range<Int> {
    let columns = visibleColumns(from: first, width: width)
    var x = 2 + labelWidth
    for column in columns {
      x += 2 + nodeWidths[column]
      if x > width { return columns.lowerBound..<max(column, columns.lowerBound + 1) }
    }
    return columns
  }

  /// The columns from `first` on whose left edge is inside `width` cells.
  func visibleColumns(from first: Int, width: Int) -> Range<Int> {
    let first = max(0, min(first, nodes.count))
    var x = 2 + labelWidth
    var end = first
    while end < nodes.count, x < width {
      x += 2 + nodeWidths[end]
      end += 1
    }
    return first..<end
  }

  /// The first cell in `range` whose column is at least `column`.
  private func lowerBound(_ column: Int32, in range: Range<Int>) -> Int {
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
      let middle = (low + high) / 2
      if cellNodes[middle] < column { low = middle + 1 } else { high = middle }
    }
    return low
  }
}

/// What the details screen lays out once per run, so that no frame measures it again.
struct DetailsLayout: Sendable {
  /// The node × metric grid.
  let grid: MetricGridLayout

  init(_ run: Run) {
    grid = MetricGridLayout(run.metrics)
  }

  /// The width of a label column: the widest label, at most 30.
  static func labelWidth(_ labels: some Sequence<String>) -> Int {
    var widest = 0
    for label in labels {
      widest = max(widest, DisplayWidth.of(TextSanitizer.clean(label)))
      if widest >= 30 { return 30 }
    }
    return widest
  }
}

/// The layout of the details being opened: made at once for a run of ordinary size, off the
/// input thread for a huge one (millions of entries take seconds), so keys are answered
/// meanwhile; the screen says it is laying out until ``layout`` is set.
final class PendingDetailsLayout: @unchecked Sendable {
  private let lock = NSLock()
  private var value: DetailsLayout?

  /// Up to this many metric entries the layout is made at once (a few milliseconds).
  static let inlineEntries = 20_000

  /// Starts laying out `run`.
  init(_ run: Run) {
    if run.metrics.count <= Self.inlineEntries {
      value = DetailsLayout(run)
    } else {
      Task.detached(priority: .userInitiated) { [self] in
        let layout = DetailsLayout(run)
        lock.withLock { value = layout }
      }
    }
  }

  /// The layout, once made.
  var layout: DetailsLayout? { lock.withLock { value } }
}
