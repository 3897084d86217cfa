/// What the main loop must do after a key: nothing, quit, or load the source again.
public enum AppEffect: Sendable, Hashable {
  case none
  case quit
  case reload
}
