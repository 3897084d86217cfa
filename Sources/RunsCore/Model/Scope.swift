/// Which runs the table is about: all of them, or one experiment's.
public enum Scope: Sendable, Hashable {
  case all
  /// The runs of one experiment, given by id or name (`--experiment` takes either).
  case experiment(String)

  /// Whether `run` belongs to the scope.
  public func contains(_ run: Run) -> Bool {
    contains(run, experimentIDs: [])
  }

  /// Whether `run` belongs to the scope, `experimentIDs` being the ids of the known
  /// experiments the key names (a run may carry only its experiment's id while the scope was
  /// given by name).
  public func contains(_ run: Run, experimentIDs: Set<String>) -> Bool {
    switch self {
    case .all: true
    case .experiment(let key):
      run.experiment.map { $0.id == key || $0.name == key || experimentIDs.contains($0.id) }
        ?? false
    }
  }
}
