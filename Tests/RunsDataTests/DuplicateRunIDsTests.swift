import Foundation
import RunsCore
import Testing

@testable import RunsData

/// Runs that share an id are all kept, the later ones under `ID (2)`, … with a warning; a
/// copied run folder and folder names that differ only in bytes that are not UTF-8 load so.
@Suite struct DuplicateRunIDsTests {
  @Test func laterRunsOfAnIdAreRenamedAndNamed() {
    var result = LoadResult(runs: [
      Run(id: "X", name: "a"), Run(id: "Y", name: "b"), Run(id: "X", name: "c"),
      Run(id: "X (3)", name: "d"), Run(id: "X", name: "e"),
    ])
    var ids = DuplicateRunIDs()
    ids.disambiguate(&result, location: "runs")
    #expect(result.runs.map(\.id) == ["X", "Y", "X (2)", "X (3)", "X (4)"])
    #expect(result.runs.map(\.name) == ["a", "b", "c", "d", "e"])
    #expect(
      result.problems.map(\.line) == [
        #"runs: warning: run "X" (named "c"): an earlier run has the same id; both are kept, this one as "X (2)""#,
        #"runs: warning: run "X" (named "e"): an earlier run has the same id; both are kept, this one as "X (4)""#,
      ])
  }

  /// Batches of one load share the instance: a repeat in a later batch is found too, and the
  /// whole result gives every run the id its batch gave it.
  @Test func batchesAndTheWholeResultAgree() {
    let runs = [Run(id: "X", name: "a"), Run(id: "X", name: "b"), Run(id: "X", name: "c")]
    var batchIDs = DuplicateRunIDs()
    var renamed: [String] = []
    for run in runs {
      var batch = LoadResult(runs: [run])
      batchIDs.disambiguate(&batch, location: "runs")
      renamed += batch.runs.map(\.id)
    }
    var whole = LoadResult(runs: runs)
    var wholeIDs = DuplicateRunIDs()
    wholeIDs.disambiguate(&whole, location: "runs")
    #expect(renamed == ["X", "X (2)", "X (3)"])
    #expect(whole.runs.map(\.id) == renamed)
  }

  @Test(arguments: [
    ("X (2)", "X", true), ("X (17)", "X", true), ("X (1)", "X", false), ("X (2)", "Y", false),
    ("X ()", "X", false), ("X (2", "X", false), ("X (٢)", "X", false),
  ])
  func copiesAreRecognized(candidate: String, id: String, isCopy: Bool) {
    #expect(DuplicateRunIDs.isCopy(candidate, of: id) == isCopy)
  }
}
