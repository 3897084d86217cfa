import RunsCore

/// A table of already-formatted cells, printed as aligned plain text or as a GitHub Markdown table.
///
/// Cells are measured by display width, so wide characters line up. Cell text is used as given:
/// callers pass it through `TextSanitizer.clean` first.
public struct TextTable: Sendable, Hashable {
  /// One column: its header and which side its cells are aligned to.
  public struct Column: Sendable, Hashable {
    /// The header text.
    public var title: String
    /// `true` for numbers, which read best right-aligned.
    public var alignRight: Bool

    /// Creates a column.
    public init(title: String, alignRight: Bool = false) {
      self.title = title
      self.alignRight = alignRight
    }
  }

  /// The columns, left to right.
  public var columns: [Column]
  /// The rows; each has one cell per column (missing cells print blank).
  public var rows: [[String]]

  /// Creates a table.
  public init(columns: [Column], rows: [[String]]) {
    self.columns = columns
    self.rows = rows
  }

  /// The table as aligned columns separated by two spaces, a header line first, one line per
  /// row, no trailing spaces; every line ends with a newline.
  public func plainText() -> String {
    let widths = columnWidths(headerOf: { $0.title }, cell: { $0 })
    var lines = [line(columns.map(\.title), widths: widths, separator: "  ")]
    for row in rows { lines.append(line(row, widths: widths, separator: "  ")) }
    return lines.map { trimmingTrailingSpaces($0) + "\n" }.joined()
  }

  /// The table as a GitHub Markdown table: `|` in cells escaped, numeric columns right-aligned
  /// (`---:`), cells padded so the source lines up too.
  public func markdown() -> String {
    let escape = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|") }
    let widths = columnWidths(headerOf: { escape($0.title) }, cell: escape).map { max($0, 3) }
    var lines = ["| " + line(columns.map { escape($0.title) }, widths: widths, separator: " | ")]
    let rule = zip(columns, widths).map { column, width in
      column.alignRight
        ? String(repeating: "-", count: width - 1) + ":" : String(repeating: "-", count: width)
    }
    lines.append("| " + rule.joined(separator: " | "))
    for row in rows {
      lines.append("| " + line(row.map(escape), widths: widths, separator: " | "))
    }
    return lines.map { $0 + " |\n" }.joined()
  }

  private func columnWidths(
    headerOf header: (Column) -> String, cell: (String) -> String
  ) -> [Int] {
    var widths = columns.map { DisplayWidth.of(header($0)) }
    for row in rows {
      for (index, text) in row.prefix(columns.count).enumerated() {
        widths[index] = max(widths[index], DisplayWidth.of(cell(text)))
      }
    }
    return widths
  }

  private func line(_ cells: [String], widths: [Int], separator: String) -> String {
    var parts: [String] = []
    for (index, column) in columns.enumerated() {
      let text = index < cells.count ? cells[index] : ""
      parts.append(TextLayout.pad(text, width: widths[index], alignRight: column.alignRight))
    }
    return parts.joined(separator: separator)
  }

  private func trimmingTrailingSpaces(_ text: String) -> String {
    var result = text
    while result.last == " " { result.removeLast() }
    return result
  }
}
