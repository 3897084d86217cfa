import Foundation
import RunsCore
import RunsData

/// Finds the run a `--runs` entry names.
enum RunLookup {
  /// The run whose id, else name, else run directory name (under `directoryRoot`) is `key`.
  /// Unknown or ambiguous keys are usage errors that name the key.
  static func find(_ key: String, in runs: [Run], directoryRoot: String?) throws -> Run {
    if let run = runs.first(where: { $0.id == key }) { return run }
    let named = runs.filter { $0.name == key }
    if named.count == 1 { return named[0] }
    if named.count > 1 {
      let ids = named.map { TextSanitizer.clean($0.id) }.joined(separator: ", ")
      throw CLIFailure.usage(
        "\(named.count) runs are named '\(TextSanitizer.clean(key))': name one by id (\(ids))")
    }
    if let directoryRoot, let id = runID(inDirectory: key, under: directoryRoot),
      let run = runs.first(where: { $0.id == id })
    {
      return run
    }
    throw CLIFailure.usage(
      "no run '\(TextSanitizer.clean(key))': give a run id, run name or run directory name")
  }

  /// The id the `run.json` of run directory `name` gives its run. A run directory without one
  /// has its name as id, which the id lookup already found.
  private static func runID(inDirectory name: String, under root: String) -> String? {
    guard !name.contains("/"), name != ".", name != ".." else { return nil }
    let path = (root as NSString).appendingPathComponent(name) + "/run.json"
    guard
      let bytes = BoundedFile.read(path, limit: MetricsFileDecoder.maximumFileSize).bytes,
      let json = try? JSONParser.parse(bytes)
    else { return nil }
    return KFPWire.runFields(from: json, location: path).fields.id
  }
}
