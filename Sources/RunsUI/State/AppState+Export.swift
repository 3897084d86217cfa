import Foundation
import RunsCore
import RunsOutput

extension AppState {
  /// `>` on the table or in compare: the file name prompt, prefilled with
  /// `kfp-runs-table-YYYYMMDD-HHMMSS.csv` (`compare` in compare) in local time.
  mutating func openExportPrompt(_ view: ExportPromptState.View) {
    let stamp = TimeText.local(clock(), timeZone: options.timeZone)
      .filter { $0 != "-" && $0 != ":" }.replacingOccurrences(of: " ", with: "-")
    let kind = view == .table ? "table" : "compare"
    exportPrompt = ExportPromptState(view: view, name: "kfp-runs-\(kind)-\(stamp).csv")
    screens.append(.exportPrompt)
  }

  /// Keys while the prompt is open: text edits the name, Enter writes, Esc cancels; while a
  /// file is waiting for an answer, `y` overwrites it and `n` or Esc goes back to the name.
  mutating func handleExportPrompt(_ key: Key) -> AppEffect {
    guard var prompt = exportPrompt else { return .none }
    if let path = prompt.confirming {
      switch key {
      case .character("y"), .character("Y"):
        return exportEffect(path: path, overwrite: true)
      case .character("n"), .character("N"), .escape:
        prompt.confirming = nil
        exportPrompt = prompt
      default: break
      }
      return .none
    }
    if case .character(let character) = key {
      prompt.name.append(character)
      exportPrompt = prompt
      return .none
    }
    switch KeyMap.action(for: key, in: .exportPrompt) {
    case .apply:
      let name = prompt.name.trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty else { return .none }
      return exportEffect(path: name, overwrite: false)
    case .deleteCharacter:
      prompt.name = String(prompt.name.dropLast())
      exportPrompt = prompt
    case .clearText:
      prompt.name = ""
      exportPrompt = prompt
    case .back: back()
    case .quit: return .quit
    default: break
    }
    return .none
  }

  /// Takes the main loop's report on a written (or refused) file.
  public mutating func exportFinished(_ outcome: ExportOutcome) {
    guard var prompt = exportPrompt else { return }
    switch outcome {
    case .written(let path):
      let summary = lastExportSummary
      back()
      message = "wrote \(summary) to \(TextSanitizer.clean(path))"
    case .exists(let path):
      prompt.confirming = path
      exportPrompt = prompt
    case .failed(let path, let reason):
      message = "could not write \(TextSanitizer.clean(path)): \(TextSanitizer.clean(reason))"
    }
  }

  /// The job that writes the view to `path`.
  private mutating func exportEffect(path: String, overwrite: Bool) -> AppEffect {
    guard let prompt = exportPrompt else { return .none }
    let format = ExportFormat(path: path)
    let text: String
    let summary: String
    switch prompt.view {
    case .table:
      let shown = model.shown.map { runs[$0] }
      text = TableExport.text(
        runs: shown, columns: exportColumns, format: format, timeZone: options.timeZone)
      summary = "\(shown.count) run\(shown.count == 1 ? "" : "s")"
    case .compare:
      guard let compare else { return .none }
      let rows = compare.lines.compactMap { line -> Int? in
        if case .metric(let row) = line { row } else { nil }
      }
      text = CompareExport.text(compare.matrix, rows: rows, format: format)
      let runCount = compare.matrix.runs.count
      summary =
        "\(runCount) run\(runCount == 1 ? "" : "s") × \(rows.count) metric\(rows.count == 1 ? "" : "s")"
    }
    lastExportSummary = summary
    return .export(
      ExportJob(path: path, bytes: Array(text.utf8), overwrite: overwrite, summary: summary))
  }

  /// The runs table's columns, in order, as a wide enough terminal shows them: those hidden
  /// only for lack of width and metric columns scrolled past are written too.
  var exportColumns: [Column] {
    var columns: [Column] = [.name, .status, .duration]
    if model.severalExperiments { columns.append(.experiment) }
    if model.widths.pipeline > 0 { columns.append(.pipeline) }
    columns.append(.created)
    return columns + model.metricColumns.map { .metric($0) }
  }

  /// `y`: the id of the run under the cursor (table), shown (details) or under the column
  /// cursor (compare), to the terminal's clipboard, and always in the status bar.
  mutating func copyRunID() -> AppEffect {
    let id: String?
    switch topScreen {
    case .details: id = details?.runID
    case .compare:
      id = compare.flatMap { compare in
        compare.runIDs.indices.contains(compare.columnCursor)
          ? compare.runIDs[compare.columnCursor] : nil
      }
    default: id = cursorRun?.id
    }
    guard let id else { return .none }
    let clean = TextSanitizer.clean(id)
    message = "copied run id \(clean)"
    return .copy(clean)
  }
}
