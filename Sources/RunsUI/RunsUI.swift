/// Application state and screens rendered into a cell grid, free of terminal I/O.
///
/// The flow: the terminal backend turns input into `Key` values; `AppState.handle(_:)` looks
/// each up in `KeyMap` (the one table of bindings, which the help screen also lists) for the
/// screen on top, applies the `Action` and returns an `AppEffect` (quit, reload). Loaded
/// batches go to `AppState.receive(_:loaded:total:finished:)`. `Screen.render(_:width:height:now:)`
/// draws the state into a `Grid` that the backend copies out.
///
/// Everything that depends on all the runs (scope, metric columns and their ranges, column
/// widths, sort order, filter) is derived when its inputs change and kept in the state, so a
/// frame only touches the rows on screen: it costs the same for a thousand runs as for a
/// million.
public enum RunsUI {}
