import Foundation
import RunsCore

/// `--experiment NAME|ID`: which experiment the runs are listed for.
extension KFPServerSource {
  /// The experiment `nameOrID` names: one whose id matches, else one whose name matches
  /// (exactly, then ignoring case). `experiment` is `nil` when there is none; the last
  /// problem then says why.
  func resolveExperiment(_ nameOrID: String, version: KFPAPIVersion) async -> (
    experiment: ExperimentRef?, problems: [Problem]
  ) {
    let listed = await listExperiments(version: version)
    let experiments = listed.experiments
    if let failure = listed.sourceFailure {
      // The listing failed, but an id needs no lookup: go on with it and let the runs
      // request say whether it works.
      if Self.looksLikeID(nameOrID) {
        return (ExperimentRef(id: nameOrID, name: nameOrID), [])
      }
      return (nil, [failure])
    }
    if let byID = experiments.first(where: { $0.id == nameOrID }) {
      return (byID, listed.problems)
    }
    var matches = experiments.filter { $0.name == nameOrID }
    if matches.isEmpty {
      matches = experiments.filter { $0.name.lowercased() == nameOrID.lowercased() }
    }
    let location = ServerURL.display(
      ServerURL.api(options.baseURL, path: "experiments", version: version))
    let scope = options.namespace.map { " in namespace \($0)" } ?? ""
    switch matches.count {
    case 1:
      return (matches[0], listed.problems)
    case 0:
      let known = experiments.prefix(10).map(\.name).joined(separator: ", ")
      let more = experiments.count > 10 ? ", …" : ""
      let message =
        experiments.isEmpty
        ? "There is no experiment named or with id \"\(nameOrID)\": the server lists no "
          + "experiments\(scope)" + (options.namespace == nil ? " (try --namespace NS)." : ".")
        : "There is no experiment named or with id \"\(nameOrID)\"\(scope); the server has: "
          + known + more + "."
      let problem = Problem(
        location: location, severity: .error, message: client.redactor.clean(message))
      return (nil, listed.problems + [problem])
    default:
      let ids = matches.map(\.id).joined(separator: ", ")
      let message =
        "\(matches.count) experiments are named \"\(nameOrID)\"\(scope) (ids \(ids)): pass one "
        + "id with --experiment, or --namespace NS."
      let problem = Problem(
        location: location, severity: .error, message: client.redactor.clean(message))
      return (nil, listed.problems + [problem])
    }
  }

  /// A KFP id: a UUID (8-4-4-4-12 hex digits).
  static func looksLikeID(_ text: String) -> Bool {
    let groups = text.split(separator: "-", omittingEmptySubsequences: false)
    guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
    return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
  }
}
