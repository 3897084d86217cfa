import Foundation
import RunsCore
import RunsData

/// Finds the run a `--runs` entry names.
enum RunLookup {
  /// The run whose id, else name, else run directory name (under `directoryRoot`) is `key`.
  /// Unknown or ambiguous keys are usage errors that name the key.
  static func find(_ key: String, in runs: [Run], directoryRoot: String?) throws -> Run {
    if let run = runs.first(where: { $0.id == key }) {
      try requireUnique(id: key, in: runs)
      return run
    }
    // `ID (1)`: the first of several runs with the id ID, which kept it.
    if key.hasSuffix(Self.firstSuffix), case let id = String(key.dropLast(Self.firstSuffix.count)),
      let run = runs.first(where: { $0.id == id }),
      runs.contains(where: { DuplicateRunIDs.isCopy($0.id, of: id) })
    {
      return run
    }
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
      try requireUnique(id: id, in: runs)
      return run
    }
    throw CLIFailure.usage(
      "no run '\(TextSanitizer.clean(key))': give a run id, run name or run directory name")
  }

  /// Several runs had the id `id` (the later ones now carry `ID (2)`, …): naming it by that id
  /// is ambiguous.
  private static func requireUnique(id: String, in runs: [Run]) throws {
    let copies = runs.filter { DuplicateRunIDs.isCopy($0.id, of: id) }.map(\.id)
    guard !copies.isEmpty else { return }
    let ids = ([id + firstSuffix] + copies).map { "'\(TextSanitizer.clean($0))'" }
    throw CLIFailure.usage(
      "\(copies.count + 1) runs have the id '\(TextSanitizer.clean(id))': name one of them as "
        + ids.joined(separator: ", "))
  }

  /// Names the first of several runs with one id, which is shown with the id unchanged.
  private static let firstSuffix = " (1)"

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
