import RunsCore

/// Keeps every run of a load when two share an id (a copied run folder, two folder names that
/// differ only in bytes that are not UTF-8, a file listing a run twice): the run id is what the
/// application, selection and `--runs` tell runs apart by, so a repeat would replace the run
/// before it. The second and later runs of an id get the id `ID (2)`, `ID (3)`, …, and a
/// warning names each.
public struct DuplicateRunIDs: Sendable {
  /// How many runs of this load had each id so far.
  private var counts: [String: Int] = [:]

  /// Starts a load with no id seen.
  public init() {}

  /// Renames, in `result`, each run whose id an earlier run of this load had, and adds a
  /// warning at `location` for each. Batches of one load go through the same instance.
  public mutating func disambiguate(_ result: inout LoadResult, location: String) {
    counts.reserveCapacity(counts.count + result.runs.count)
    for index in result.runs.indices {
      let id = result.runs[index].id
      let count = counts[id, default: 0] + 1
      counts[id] = count
      guard count > 1 else { continue }
      var renamed = Self.copyID(id, number: count)
      var number = count
      // A run may already have the id the copy would get.
      while counts[renamed] != nil {
        number += 1
        renamed = Self.copyID(id, number: number)
      }
      counts[renamed] = 1
      result.runs[index].id = renamed
      result.problems.append(
        Problem(
          location: location, severity: .warning,
          message:
            "run \(JSONText.quoted(id, limit: 80)) (named "
            + "\(JSONText.quoted(result.runs[index].name, limit: 80))): an earlier run has the "
            + "same id; both are kept, this one as \(JSONText.quoted(renamed, limit: 100))"))
    }
  }

  /// The id the `number`th run of `id` gets.
  public static func copyID(_ id: String, number: Int) -> String {
    "\(id) (\(number))"
  }

  /// Whether `candidate` is the id a later run of `id` was given.
  public static func isCopy(_ candidate: String, of id: String) -> Bool {
    guard candidate.hasPrefix(id + " ("), candidate.hasSuffix(")") else { return false }
    let number = candidate.dropFirst(id.count + 2).dropLast()
    return !number.isEmpty && number.allSatisfy(\.isASCII) && (Int(number) ?? 0) >= 2
  }
}
