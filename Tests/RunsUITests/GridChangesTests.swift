import Testing

@testable import RunsUI

/// What the terminal backend draws for a frame: only the cells that changed.
@Suite struct GridChangesTests {
  @Test func aFirstFrameDrawsEveryCellThatIsNotBlank() {
    var grid = Grid(width: 6, height: 2)
    grid.put("ab", x: 0, y: 0)
    grid.put("c", x: 4, y: 1)
    #expect(
      grid.changes(since: nil).map { "\($0.x),\($0.y) \($0.cell.text)" } == [
        "0,0 a", "1,0 b", "4,1 c",
      ])
  }

  @Test func aLaterFrameDrawsOnlyWhatDiffers() {
    var old = Grid(width: 6, height: 2)
    old.put("abc", x: 0, y: 0)
    var new = old
    new.put("x", x: 1, y: 0)
    new.fillStyle(Style(bold: true), x: 2, y: 0, count: 1)
    #expect(new.changes(since: old).map(\.x) == [1, 2])
    #expect(new.changes(since: new).isEmpty)
  }

  @Test func aWideCharacterIsOneChangeCoveringTwoCells() {
    var old = Grid(width: 4, height: 1)
    old.put("ab", x: 0, y: 0)
    var new = Grid(width: 4, height: 1)
    new.put("実", x: 0, y: 0)
    let changes = new.changes(since: old)
    #expect(changes == [GridChange(x: 0, y: 0, width: 2, cell: Cell(text: "実"))])
  }

  @Test func anOldGridOfAnotherSizeCountsAsNone() {
    var old = Grid(width: 3, height: 1)
    old.put("abc", x: 0, y: 0)
    var new = Grid(width: 4, height: 1)
    new.put("abc", x: 0, y: 0)
    #expect(new.changes(since: old).count == 3)
  }
}
