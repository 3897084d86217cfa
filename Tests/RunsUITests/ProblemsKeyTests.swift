import RunsCore
import Testing

@testable import RunsUI

@Suite struct ProblemsKeyTests {
  static let problems = [
    Problem(
      location: "https://kfp.example.com/pipeline", severity: .warning,
      message: "run \"resnet-lr-1.0\" (r3): the run reports an error: \"OOMKilled\"", runID: "r3"),
    Problem(
      location: "runs/a-very-long-folder-name-for-one-run/train-step/mlpipeline-metrics.json",
      entry: 1, severity: .error, message: "numberValue is a string, expected a number."),
  ]

  @Test func enterOnAProblemGoesToItsRun() {
    var state = Fixture.state(width: 60, height: 15, problems: Self.problems)
    Fixture.press(&state, .character("!"))
    expectSnapshot(Fixture.render(state), named: "problems-cursor-60x15")
    Fixture.press(&state, .enter)
    #expect(state.topScreen == .table)
    #expect(state.cursorRun?.id == "r3")
  }

  @Test func enterOnAFileProblemShowsItsFullPath() {
    var state = Fixture.state(width: 60, height: 15, problems: Self.problems)
    Fixture.press(&state, .character("!"), .down, .enter)
    #expect(state.topScreen == .problems)
    let text = Fixture.render(state).lines.joined(separator: "\n")
    #expect(text.contains("metrics.json:entry 1"))
    expectSnapshot(Fixture.render(state), named: "problems-path-60x15")
    // The cursor stops at the last problem.
    Fixture.press(&state, .down, .down)
    #expect(state.problemsCursor == 1)
  }

  @Test func aRunHiddenByTheFilterOpensInDetails() {
    var state = Fixture.state(problems: Self.problems)
    Fixture.press(&state, .character("/"))
    Fixture.type(&state, "vit")
    Fixture.press(&state, .enter, .character("!"), .enter)
    #expect(state.topScreen == .details)
    #expect(state.details?.runID == "r3")
  }
}
