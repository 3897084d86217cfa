/// What kind of source the runs come from; the empty-table message depends on it.
public enum SourceKind: Sendable, Hashable {
  case directory
  case jsonFile
  case server
  case demo
}
