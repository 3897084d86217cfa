import RunsCore

/// Finds the run a `--runs` entry names.
enum RunLookup {
  /// The run whose id, else name, else directory name is `key`. Unknown or ambiguous keys are
  /// usage errors that name the key.
  static func find(_ key: String, in runs: [Run]) throws -> Run {
    if let run = runs.first(where: { $0.id == key }) { return run }
    let named = runs.filter { $0.name == key }
    if named.count == 1 { return named[0] }
    if named.count > 1 {
      let ids = named.map { TextSanitizer.clean($0.id) }.joined(separator: ", ")
      throw CLIFailure.usage(
        "\(named.count) runs are named '\(TextSanitizer.clean(key))': name one by id (\(ids))")
    }
    throw CLIFailure.usage(
      "no run '\(TextSanitizer.clean(key))': give a run id, run name or run directory name")
  }
}
