import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// Long random key sequences on every screen: nothing crashes, and the state's invariants
/// hold after every key.
@Suite struct RandomKeysTests {
  static let keys: [Key] =
    [
      .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace,
      .tab, .backTab, .delete, .function(1), .control("u"),
    ] + "jkhlgGsabcdDxemr!?/q 0123456789Zé実".map { Key.character($0) }

  func check(_ state: AppState, _ context: String) {
    let shown = state.shownIndices
    #expect(shown.allSatisfy { $0 >= 0 && $0 < state.runs.count }, "\(context)")
    if shown.isEmpty {
      #expect(state.cursor == 0, "\(context)")
    } else {
      #expect(state.cursor >= 0 && state.cursor < shown.count, "\(context)")
      #expect(state.cursorRun?.id == state.cursorRunID, "\(context)")
    }
    #expect(state.screens.first == .table, "\(context)")
    #expect(Set(shown).count == shown.count, "\(context)")
    let grid = Screen.render(state, width: state.width, height: state.height, now: Fixture.now)
    #expect(grid.cells.count == state.width * state.height, "\(context)")
  }

  @Test(arguments: [1, 2, 3, 4])
  func randomKeys(seed: UInt64) {
    var random = SeededRandom(seed: seed)
    var state = Fixture.state(width: 80, height: 20, problems: Fixture.problems)
    for step in 0..<800 {
      let roll = random.next() % 100
      let key: Key
      switch roll {
      case 0..<3:
        key = .resize(width: Int(random.next() % 130), height: Int(random.next() % 45))
      case 3..<8:
        let kind: MouseEvent.Kind = [.leftClick, .wheelUp, .wheelDown][Int(random.next() % 3)]
        key = .mouse(
          MouseEvent(
            kind: kind, x: Int(random.next() % 140) - 5, y: Int(random.next() % 50) - 5))
      case 8..<10:
        // A batch lands (new, repeated or after a reload).
        let all = Fixture.runs
        let batch = (0..<Int(random.next() % 4)).map { _ in
          all[Int(random.next() % UInt64(all.count))]
        }
        state.receive(
          LoadResult(runs: batch), loaded: batch.count, total: nil,
          finished: random.next() % 2 == 0)
        check(state, "seed \(seed) step \(step) batch")
        continue
      default:
        key = Self.keys[Int(random.next() % UInt64(Self.keys.count))]
      }
      if state.handle(key) == .quit {
        // Start over from a fresh state, as a new session would.
        state = Fixture.state(width: state.width, height: state.height)
      }
      check(state, "seed \(seed) step \(step) \(key)")
    }
  }
}
