import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// The Duration line of details for a run that has not finished: how long it has been running,
/// or waiting; a pending run is not running.
@Suite struct DetailsDurationTests {
  private func durationLine(of name: String) -> String? {
    var state = Fixture.state()
    let row = Fixture.shownNames(state).firstIndex(of: name)!
    for _ in 0..<row { Fixture.press(&state, .down) }
    Fixture.press(&state, .enter)
    return snapshotText(Fixture.render(state)).split(separator: "\n")
      .first { $0.hasPrefix("  Duration") }
      .map { $0.trimmingCharacters(in: .whitespaces) }
  }

  @Test func aRunningRunSaysHowLongItHasRun() {
    #expect(durationLine(of: "vit-small") == "Duration    running for 2:00:00")
  }

  @Test func aPendingRunSaysHowLongItHasWaited() {
    #expect(durationLine(of: "pending-run") == "Duration    pending for 1:00:00")
  }
}
