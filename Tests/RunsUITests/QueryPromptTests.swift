import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// The query prompt through the application's state: `f`, typing, the live error, Enter,
/// Esc, `F`, Tab and history; and the query combined with the name filter.
@Suite struct QueryPromptTests {
  private func names(_ state: AppState) -> Set<String> { Set(Fixture.shownNames(state)) }

  @Test func typeEnterKeepsEscLeavesFClears() {
    var state = Fixture.state()
    Fixture.press(&state, .character("f"))
    #expect(state.topScreen == .queryInput)
    Fixture.type(&state, "accuracy > 90% and loss < 0.2")
    // Nothing changes until Enter.
    #expect(state.shownIndices.count == 8)
    Fixture.press(&state, .enter)
    #expect(state.topScreen == .table)
    #expect(state.query?.text == "accuracy > 90% and loss < 0.2")
    #expect(names(state) == ["resnet-lr-0.01", "vit-base-with-a-very-long-name-that-does-not-fit"])
    // Esc leaves the query in force as it was.
    Fixture.press(&state, .character("f"))
    Fixture.type(&state, " or status = Failed")
    Fixture.press(&state, .escape)
    #expect(state.topScreen == .table)
    #expect(state.query?.text == "accuracy > 90% and loss < 0.2")
    #expect(state.shownIndices.count == 2)
    // F clears it.
    Fixture.press(&state, .character("F"))
    #expect(state.query == nil)
    #expect(state.shownIndices.count == 8)
  }

  @Test func anErrorShowsWhileTypingAndEnterKeepsThePreviousQuery() throws {
    var state = Fixture.state()
    Fixture.press(&state, .character("f"))
    Fixture.type(&state, "status = Failed")
    Fixture.press(&state, .enter)
    #expect(Fixture.shownNames(state) == ["resnet-lr-1.0"])
    Fixture.press(&state, .character("f"))
    // The prompt opens with the query in force.
    #expect(state.queryPrompt?.text == "status = Failed")
    Fixture.press(&state, .control("u"))
    Fixture.type(&state, "acuracy > 0.9")
    let error = try #require(state.queryPrompt?.error)
    #expect(error.position == 0)
    #expect(error.suggestions == ["accuracy"])
    // Enter with an error does nothing: the prompt stays, the old query stays in force.
    Fixture.press(&state, .enter)
    #expect(state.topScreen == .queryInput)
    #expect(Fixture.shownNames(state) == ["resnet-lr-1.0"])
    // Fixing the typo clears the error.
    Fixture.press(&state, .home)  // Not text: ignored by the prompt.
    for _ in 0..<"acuracy > 0.9".count { Fixture.press(&state, .backspace) }
    Fixture.type(&state, "accuracy > 0.9")
    #expect(state.queryPrompt?.error == nil)
    Fixture.press(&state, .enter)
    #expect(
      names(state) == [
        "resnet-lr-0.1", "resnet-lr-0.01", "vit-base-with-a-very-long-name-that-does-not-fit",
      ])
  }

  @Test func keysTypedInThePromptAreText() {
    var state = Fixture.state()
    Fixture.press(&state, .character("f"))
    Fixture.type(&state, "qFfs/")
    #expect(state.queryPrompt?.text == "qFfs/")
    #expect(state.topScreen == .queryInput)
  }

  @Test func nameFilterAndQueryCombine() {
    var state = Fixture.state()
    Fixture.press(&state, .character("/"))
    Fixture.type(&state, "resnet")
    Fixture.press(&state, .enter)
    Fixture.press(&state, .character("f"))
    Fixture.type(&state, "lr <= 0.1")
    Fixture.press(&state, .enter)
    #expect(names(state) == ["resnet-lr-0.1", "resnet-lr-0.01"])
    // Clearing the filter leaves the query.
    Fixture.press(&state, .escape)
    #expect(state.filterText.isEmpty)
    #expect(
      names(state) == [
        "resnet-lr-0.1", "resnet-lr-0.01", "vit-small",
        "vit-base-with-a-very-long-name-that-does-not-fit",
      ])
  }

  @Test func runsArrivingLaterAreQueriedToo() {
    var state = Fixture.state(runs: Array(Fixture.runs.prefix(4)))
    Fixture.press(&state, .character("f"))
    Fixture.type(&state, "has(accuracy) and status != Failed")
    Fixture.press(&state, .enter)
    #expect(names(state) == ["resnet-lr-0.1", "resnet-lr-0.01", "vit-small"])
    state.receive(
      LoadResult(runs: Array(Fixture.runs.dropFirst(4))), loaded: 8, total: 8, finished: true)
    #expect(
      names(state) == [
        "resnet-lr-0.1", "resnet-lr-0.01", "vit-small",
        "vit-base-with-a-very-long-name-that-does-not-fit", "evil\u{1B}[31mname",
      ])
    // A run replaced in place is queried again.
    var failed = Fixture.runs[0]
    failed.status = .failed
    state.receive(LoadResult(runs: [failed]), loaded: 8, total: 8, finished: true)
    #expect(!names(state).contains("resnet-lr-0.1"))
  }

  @Test func tabCompletesNamesAndStatusWords() {
    var state = Fixture.state()
    Fixture.press(&state, .character("f"))
    Fixture.type(&state, "acc")
    Fixture.press(&state, .tab)
    #expect(state.queryPrompt?.text == "accuracy ")
    Fixture.type(&state, "> 0.5 and sta")
    Fixture.press(&state, .tab)
    #expect(state.queryPrompt?.text == "accuracy > 0.5 and status ")
    Fixture.type(&state, "= f")
    Fixture.press(&state, .tab)
    #expect(state.queryPrompt?.text == "accuracy > 0.5 and status = Failed ")
    // Several candidates: the shared start, then Tab steps through them.
    Fixture.press(&state, .control("u"))
    Fixture.type(&state, "param:")
    Fixture.press(&state, .tab)
    #expect(state.queryPrompt?.offered == ["param:epochs", "param:lr", "param:warmup"])
    #expect(state.queryPrompt?.text == "param:epochs")
    Fixture.press(&state, .tab)
    #expect(state.queryPrompt?.text == "param:lr")
    Fixture.press(&state, .tab, .tab)
    #expect(state.queryPrompt?.text == "param:epochs")
    // Inside `status in (`.
    Fixture.press(&state, .control("u"))
    Fixture.type(&state, "status in (Failed, su")
    Fixture.press(&state, .tab)
    #expect(state.queryPrompt?.text == "status in (Failed, Succeeded ")
  }

  @Test func historyWithinTheSession() {
    var state = Fixture.state()
    for text in ["loss < 1", "status = Failed"] {
      Fixture.press(&state, .character("f"), .control("u"))
      Fixture.type(&state, text)
      Fixture.press(&state, .enter)
    }
    Fixture.press(&state, .character("f"), .control("u"))
    Fixture.type(&state, "draft")
    Fixture.press(&state, .up)
    #expect(state.queryPrompt?.text == "status = Failed")
    Fixture.press(&state, .up, .up)
    #expect(state.queryPrompt?.text == "loss < 1")
    Fixture.press(&state, .down)
    #expect(state.queryPrompt?.text == "status = Failed")
    Fixture.press(&state, .down)
    #expect(state.queryPrompt?.text == "draft")
  }

  @Test func whereGivenAtStartAppliesOnceTheRunsArrive() {
    var state = AppState(
      sourceDescription: "runs/", query: "loss >= 1",
      options: RenderOptions(timeZone: Fixture.utc))
    #expect(state.query == nil)
    state.receive(LoadResult(runs: Fixture.runs), loaded: 8, total: 8, finished: true)
    #expect(state.query?.text == "loss >= 1")
    #expect(names(state) == ["resnet-lr-1.0", "no-status"])
  }

  @Test func whereThatNamesNothingOpensThePromptWithItsError() {
    var state = AppState(
      sourceDescription: "runs/", query: "los >= 1", options: RenderOptions(timeZone: Fixture.utc))
    state.receive(LoadResult(runs: Fixture.runs), loaded: 8, total: 8, finished: true)
    #expect(state.query == nil)
    #expect(state.topScreen == .queryInput)
    #expect(state.queryPrompt?.error?.suggestions.first == "loss")
  }

  @Test func snapshots() {
    var state = Fixture.state(width: 80, height: 12)
    Fixture.press(&state, .character("f"))
    Fixture.type(&state, "accuracy > 90% and stauts = Failed")
    expectSnapshot(Fixture.render(state), named: "query-error-80x12", styles: true)
    Fixture.press(&state, .control("u"))
    Fixture.type(&state, "accuracy > 90%")
    Fixture.press(&state, .enter)
    expectSnapshot(Fixture.render(state), named: "query-applied-80x12")
    Fixture.press(&state, .character("f"), .control("u"))
    Fixture.type(&state, "param:")
    Fixture.press(&state, .tab)
    expectSnapshot(Fixture.render(state), named: "query-tab-80x12")
  }
}
