/// What the application loop must do after a key: nothing, quit, load the source again, load it
/// through its watch and follow it, suspend the process (Ctrl-Z), put text on the terminal's
/// clipboard, or write a file (then report with `AppState.exportFinished`).
public enum AppEffect: Sendable, Hashable {
  case none
  case quit
  case reload
  case startWatching
  case suspend
  case copy(String)
  case export(ExportJob)
}
