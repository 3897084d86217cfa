/// The one table of key bindings: `AppState.handle` looks keys up here and the help screen
/// lists it, so the two cannot disagree.
public enum KeyMap {
  /// Every binding, in the order help shows them.
  public static let bindings: [KeyBinding] = [
    KeyBinding(.global, [.up, .character("k")], "↑ k", "move up", .up),
    KeyBinding(.global, [.down, .character("j")], "↓ j", "move down", .down),
    KeyBinding(.global, [.pageUp], "PgUp", "page up", .pageUp),
    KeyBinding(.global, [.pageDown], "PgDn", "page down", .pageDown),
    KeyBinding(.global, [.character("g"), .home], "g Home", "go to the top", .top),
    KeyBinding(.global, [.character("G"), .end], "G End", "go to the bottom", .bottom),
    KeyBinding(
      .global, [.left, .character("h")], "← h", "column cursor left / scroll left", .left),
    KeyBinding(
      .global, [.right, .character("l")], "→ l", "column cursor right / scroll right", .right),
    KeyBinding(.global, [.character("r")], "r", "reload from the source", .reload),
    KeyBinding(.global, [.character("w")], "w", "watch the source live on / off", .toggleWatch),
    KeyBinding(.global, [.character("!")], "!", "problems list", .problems),
    KeyBinding(.global, [.character("?"), .function(1)], "? F1", "this help", .help),
    KeyBinding(.global, [.escape], "Esc", "back / close", .back),
    KeyBinding(.global, [.character("q")], "q", "back (quits on the runs table)", .back),
    KeyBinding(.global, [.control("c")], "Ctrl-C", "quit", .quit),

    KeyBinding(
      .table, [.character("s")], "s",
      "sort by the column under the cursor (again: reverse)", .sortByCursorColumn),
    KeyBinding(
      .table, (1...9).map { Key.character(Character(String($0))) }, "1–9",
      "sort by the Nth visible column, Run name = 1 (again: reverse)", .sortByNumber),
    KeyBinding(.table, [.character(" ")], "Space", "select / unselect the run", .toggleSelection),
    KeyBinding(
      .table, [.character("a")], "a", "select all runs shown (again: clear)", .selectAll),
    KeyBinding(
      .table, [.character("c")], "c", "compare the selected runs (or the cursor run)", .compare),
    KeyBinding(.table, [.enter], "Enter", "details of the run", .details),
    KeyBinding(.table, [.character("/")], "/", "filter runs by name", .filter),
    KeyBinding(
      .table, [.character("f")], "f", "query: metrics, parameters, attributes", .query),
    KeyBinding(.table, [.character("F")], "F", "clear the query", .clearQuery),
    KeyBinding(
      .table, [.character("e")], "e", "pick the experiment (or all runs)", .pickExperiment),
    KeyBinding(.table, [.character("m")], "m", "pick the metric columns", .pickMetrics),
    KeyBinding(.table, [.character("b")], "b", "bars on / off", .toggleBars),
    KeyBinding(.table, [.character("p")], "p", "plot the runs shown", .plot),
    KeyBinding(
      .table, [.character(">")], ">", "write the table (every row shown) to a file", .export),
    KeyBinding(.table, [.character("y")], "y", "copy the run's id", .copyID),
    KeyBinding(.table, [.escape], "Esc", "clear the filter", .back),
    KeyBinding(.table, [.character("q")], "q", "quit", .quit),

    KeyBinding(
      .compare, [.character("d")], "d", "flip best direction of the metric row", .flipDirection),
    KeyBinding(
      .compare, [.character("D")], "D", "show differences from the first run", .toggleDelta),
    KeyBinding(
      .compare, [.character("x")], "x", "hide rows whose values are all equal", .toggleUniform),
    KeyBinding(.compare, [.enter], "Enter", "details of the run under the column cursor", .details),
    KeyBinding(.compare, [.character(">")], ">", "write the compare view to a file", .export),
    KeyBinding(
      .compare, [.character("y")], "y", "copy the id of the run under the column cursor", .copyID),
    KeyBinding(.details, [.character("y")], "y", "copy the run's id", .copyID),

    KeyBinding(.plot, [.up, .character("k")], "↑ k", "nearest run above", .up),
    KeyBinding(.plot, [.down, .character("j")], "↓ j", "nearest run below", .down),
    KeyBinding(.plot, [.left, .character("h")], "← h", "nearest run to the left", .left),
    KeyBinding(.plot, [.right, .character("l")], "→ l", "nearest run to the right", .right),
    KeyBinding(.plot, [.character("x")], "x", "pick the x axis", .pickXAxis),
    KeyBinding(.plot, [.character("y")], "y", "pick the y axis", .pickYAxis),
    KeyBinding(
      .plot, [.character("L")], "L", "log scale on / off (the axis picked last)", .toggleLog),
    KeyBinding(.plot, [.enter], "Enter", "details of the run", .details),
    KeyBinding(.plot, [.character(" ")], "Space", "select / unselect the run", .toggleSelection),
    KeyBinding(.plot, [.character("p")], "p", "back to the table", .back),

    KeyBinding(.picker, [.enter], "Enter", "apply", .apply),
    KeyBinding(.metricPicker, [.character(" ")], "Space", "check / uncheck a metric", .toggleItem),
    KeyBinding(.metricPicker, [.character("c")], "c", "uncheck all (automatic top 3)", .clearItems),

    KeyBinding(.filter, [], "text", "filter live by run name", nil),
    KeyBinding(
      .filter, [.backspace, .delete], "Backspace", "delete a character", .deleteCharacter),
    KeyBinding(.filter, [.control("u")], "Ctrl-U", "delete all the text", .clearText),
    KeyBinding(.filter, [.enter], "Enter", "keep the filter", .apply),
    KeyBinding(.filter, [.escape], "Esc", "clear the filter", .back),

    KeyBinding(
      .problems, [.enter], "Enter", "go to the problem's run (a file's problem: its full path)",
      .details),

    KeyBinding(.query, [], "text", "e.g. accuracy > 90% and status = Failed", nil),
    KeyBinding(.query, [.tab], "Tab", "complete a name or status (again: next)", .complete),
    KeyBinding(.query, [.up], "↑", "the previous query of this session", .up),
    KeyBinding(.query, [.down], "↓", "the next query of this session", .down),
    KeyBinding(.query, [.backspace, .delete], "Backspace", "delete a character", .deleteCharacter),
    KeyBinding(.query, [.control("u")], "Ctrl-U", "delete all the text", .clearText),
    KeyBinding(.query, [.enter], "Enter", "keep the query (when it has no error)", .apply),
    KeyBinding(.query, [.escape], "Esc", "leave the query as it was", .back),

    KeyBinding(.exportPrompt, [], "text", "the file name: .csv, .md or .json", nil),
    KeyBinding(
      .exportPrompt, [.backspace, .delete], "Backspace", "delete a character", .deleteCharacter),
    KeyBinding(.exportPrompt, [.control("u")], "Ctrl-U", "delete all the text", .clearText),
    KeyBinding(.exportPrompt, [.enter], "Enter", "write (asks before replacing a file)", .apply),
    KeyBinding(.exportPrompt, [.escape], "Esc", "cancel", .back),

    KeyBinding(.mouse, [], "click header", "sort by that column (again: reverse)", nil),
    KeyBinding(.mouse, [], "click row", "move the cursor there", nil),
    KeyBinding(.mouse, [], "wheel", "scroll", nil),
  ]

  private static let lookup: [KeyContext: [Key: Action]] = {
    var table: [KeyContext: [Key: Action]] = [:]
    for binding in bindings {
      guard let action = binding.action else { continue }
      for key in binding.keys where table[binding.context, default: [:]][key] == nil {
        table[binding.context, default: [:]][key] = action
      }
    }
    return table
  }()

  /// The action of `key` on a screen of `context`: its own bindings first, then the global ones.
  /// The metric picker also takes the general picker bindings.
  public static func action(for key: Key, in context: KeyContext) -> Action? {
    if let action = lookup[context]?[key] { return action }
    if context == .metricPicker, let action = lookup[.picker]?[key] { return action }
    if context == .filter || context == .query || context == .exportPrompt { return nil }
    return lookup[.global]?[key]
  }
}
