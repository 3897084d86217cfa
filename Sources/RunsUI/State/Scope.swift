import RunsCore

/// Which runs the table is about: all of them, or one experiment's.
public enum Scope: Sendable, Hashable {
  case all
  /// The runs of one experiment, given by id or name (`--experiment` takes either).
  case experiment(String)

  /// Whether `run` belongs to the scope.
  public func contains(_ run: Run) -> Bool {
    switch self {
    case .all: true
    case .experiment(let key): run.experiment.map { $0.id == key || $0.name == key } ?? false
    }
  }
}
