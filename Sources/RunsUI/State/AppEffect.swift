/// What the application loop must do after a key: nothing, quit, load the source again, or
/// suspend the process (Ctrl-Z).
public enum AppEffect: Sendable, Hashable {
  case none
  case quit
  case reload
  case suspend
}
