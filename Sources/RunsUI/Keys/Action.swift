/// What a key asks the application to do; `KeyMap` maps keys to actions per screen.
public enum Action: Sendable, Hashable {
  case up
  case down
  case pageUp
  case pageDown
  case top
  case bottom
  case left
  case right
  /// Sort by the column under the column cursor (again: reverse).
  case sortByCursorColumn
  /// Sort by the Nth visible column, N being the digit of the key pressed.
  case sortByNumber
  case toggleSelection
  case selectAll
  case compare
  case details
  case filter
  /// Open the query prompt.
  case query
  /// Clear the query.
  case clearQuery
  /// Query prompt: complete the name being typed.
  case complete
  case pickExperiment
  case pickMetrics
  case toggleBars
  /// Open the scatter plot of the runs shown.
  case plot
  /// Plot: pick the x axis.
  case pickXAxis
  /// Plot: pick the y axis.
  case pickYAxis
  /// Plot: log scale on or off for the axis picked last.
  case toggleLog
  /// Write the current view (table or compare) to a file.
  case export
  /// Copy the run id to the terminal's clipboard.
  case copyID
  case reload
  /// Watch the source live on / off.
  case toggleWatch
  case problems
  case help
  case back
  case quit
  /// Compare: flip which direction is best for the row under the cursor.
  case flipDirection
  /// Compare: show differences from the first run.
  case toggleDelta
  /// Compare: hide rows whose values are all equal.
  case toggleUniform
  /// Pickers: apply the choice.
  case apply
  /// Metric picker: check or uncheck the metric under the cursor.
  case toggleItem
  /// Metric picker: clear every check (back to the automatic top 3).
  case clearItems
  /// Filter input: delete the last character.
  case deleteCharacter
  /// Filter input: delete all the text.
  case clearText
}
