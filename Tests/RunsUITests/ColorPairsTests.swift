import Testing

@testable import RunsUI

/// Colour pairs as a terminal with few of them is given them.
@Suite struct ColorPairsTests {
  /// The pairs defined, as (pair, foreground, background).
  final class Definitions {
    var defined: [[Int16]] = []
    var accept = true

    func define(_ pair: Int16, _ foreground: Int16, _ background: Int16) -> Bool {
      guard accept else { return false }
      defined.append([pair, foreground, background])
      return true
    }
  }

  @Test func theTerminalsOwnColoursArePairZero() {
    var pairs = ColorPairs(enabled: true, defaultColors: true, limit: 64)
    let definitions = Definitions()
    #expect(
      pairs.pair(foreground: .standard, background: .standard, define: definitions.define) == 0)
    #expect(definitions.defined.isEmpty)
  }

  @Test func pairsAreNumberedAsFirstNeededAndReused() {
    var pairs = ColorPairs(enabled: true, defaultColors: true, limit: 64)
    let definitions = Definitions()
    #expect(pairs.pair(foreground: .red, background: .standard, define: definitions.define) == 1)
    #expect(pairs.pair(foreground: .white, background: .blue, define: definitions.define) == 2)
    #expect(pairs.pair(foreground: .red, background: .standard, define: definitions.define) == 1)
    #expect(definitions.defined == [[1, 1, -1], [2, 7, 4]])
  }

  /// Without default colours the terminal's own is drawn as white on black.
  @Test func withoutDefaultColoursStandardIsWhiteOnBlack() {
    var pairs = ColorPairs(enabled: true, defaultColors: false, limit: 64)
    let definitions = Definitions()
    _ = pairs.pair(foreground: .green, background: .standard, define: definitions.define)
    _ = pairs.pair(foreground: .standard, background: .yellow, define: definitions.define)
    #expect(definitions.defined == [[1, 2, 0], [2, 7, 3]])
  }

  @Test func theEightColoursAreTheANSINumbers() {
    let pairs = ColorPairs(enabled: true, defaultColors: true, limit: 64)
    let colors: [Color] = [.black, .red, .green, .yellow, .blue, .magenta, .cyan, .white]
    #expect(colors.map { pairs.number(of: $0, fallback: 9) } == [0, 1, 2, 3, 4, 5, 6, 7])
    #expect(pairs.number(of: .standard, fallback: 9) == -1)
  }

  /// Out of pairs, or refused by the terminal, text stays in the terminal's own colours; a
  /// refused pair's number is offered again.
  @Test func outOfPairsDrawsInTheTerminalsColours() {
    var pairs = ColorPairs(enabled: true, defaultColors: true, limit: 2)
    let definitions = Definitions()
    definitions.accept = false
    #expect(pairs.pair(foreground: .red, background: .black, define: definitions.define) == 0)
    definitions.accept = true
    #expect(pairs.pair(foreground: .red, background: .black, define: definitions.define) == 1)
    #expect(pairs.pair(foreground: .cyan, background: .black, define: definitions.define) == 0)
    #expect(definitions.defined == [[1, 1, 0]])
  }

  @Test func withoutColoursEveryPairIsZero() {
    var pairs = ColorPairs(enabled: false, defaultColors: true, limit: 64)
    let definitions = Definitions()
    #expect(pairs.pair(foreground: .red, background: .blue, define: definitions.define) == 0)
    #expect(definitions.defined.isEmpty)
  }
}
