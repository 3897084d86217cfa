import RunsCore

/// The symbols screens draw, in a Unicode and an ASCII set.
struct Glyphs: Sendable {
  var selected: String
  var sortAscending: String
  var sortDescending: String
  var warning: String
  var separator: String
  var moreRight: String
  var moreLeft: String
  var cursorBlock: String
  var boxHorizontal: String
  var boxVertical: String
  var boxTopLeft: String
  var boxTopRight: String
  var boxBottomLeft: String
  var boxBottomRight: String
  var succeeded: String
  var failed: String
  var running: String
  var pending: String
  var skipped: String
  var other: String
  var higherIsBetter: String
  var lowerIsBetter: String
  /// After a value that more than one node reported.
  var severalNodes: String
  /// Beside a metric a watch cycle made appear or go.
  var appearedOrWent: String

  static let unicode = Glyphs(
    selected: "●", sortAscending: "▲", sortDescending: "▼", warning: "⚠", separator: "·",
    moreRight: "›", moreLeft: "‹", cursorBlock: "▏", boxHorizontal: "─", boxVertical: "│",
    boxTopLeft: "┌", boxTopRight: "┐", boxBottomLeft: "└", boxBottomRight: "┘",
    succeeded: "✓", failed: "✗", running: "◷", pending: "○", skipped: "−", other: "·",
    higherIsBetter: "↑", lowerIsBetter: "↓", severalNodes: "⁺", appearedOrWent: "•")

  static let ascii = Glyphs(
    selected: "*", sortAscending: "^", sortDescending: "v", warning: "!", separator: "|",
    moreRight: ">", moreLeft: "<", cursorBlock: "_", boxHorizontal: "-", boxVertical: "|",
    boxTopLeft: "+", boxTopRight: "+", boxBottomLeft: "+", boxBottomRight: "+",
    succeeded: "+", failed: "x", running: ">", pending: "o", skipped: "-", other: ".",
    higherIsBetter: "^", lowerIsBetter: "v", severalNodes: "+", appearedOrWent: "~")

  /// The symbol shown before a status word.
  func symbol(for status: RunStatus) -> String {
    switch status {
    case .succeeded: succeeded
    case .failed, .error: failed
    case .running, .terminating: running
    case .pending: pending
    case .skipped: skipped
    case .unknown: other
    }
  }
}
