import Testing

@testable import RunsCore

@Suite struct RunFilterTests {
  @Test(
    arguments: [
      ("Train ResNet", "resnet", true), ("Train ResNet", "RESNET", true),
      ("Train ResNet", "train r", true), ("Train ResNet", "vgg", false), ("Train", "", true),
      ("", "x", false), ("Ärger-Lauf", "ärger", true), ("Ärger-Lauf", "ÄRGER", true),
      ("Модель-1", "модель", true), ("abc", "abcd", false), ("日本語 run", "RUN", true),
      ("aaab", "aab", true), ("K\u{212A}", "kk", true),
      // Accents do not matter, either way round, composed or not.
      ("résumé-clf-0406", "resume", true), ("resume-clf", "résumé", true),
      ("Re\u{301}sume\u{301}", "RESUME", true), ("Ärger-Lauf", "arger", true),
      ("Crème brûlée", "creme brulee", true), ("Ørsted", "orsted", false),
    ])
  func matches(name: String, text: String, expected: Bool) {
    let run = Fixture.run("id", name: name)
    #expect(RunFilter.matches(run, text: text) == expected)
    #expect(RunFilter.matchingIndices([run], text: text) == (expected ? [0] : []))
  }

  @Test func matchingIndicesKeepsOrder() {
    let runs = ["alpha-1", "beta", "ALPHA-2", "gamma"].map { Fixture.run($0) }
    #expect(RunFilter.matchingIndices(runs, text: "alpha") == [0, 2])
    #expect(RunFilter.matchingIndices(runs, text: "") == [0, 1, 2, 3])
  }

  /// The ASCII fast path agrees with the plain definition on random names.
  @Test func agreesWithLowercasedContains() {
    var generator = SeededRandom(seed: 3)
    let alphabet = Array("aAbB-é日")
    func random(_ length: UInt64) -> String {
      String((0..<(generator.next() % length)).map { _ in alphabet[Int(generator.next() % 7)] })
    }
    for _ in 0..<2000 {
      let name = random(9)
      let text = random(4)
      let run = Fixture.run("id", name: name)
      // (`String.contains("")` is false; an empty filter matches everything.)
      let expected =
        text.isEmpty
        || name.lowercased().replacingOccurrences(of: "é", with: "e")
          .contains(text.lowercased().replacingOccurrences(of: "é", with: "e"))
      #expect(RunFilter.matches(run, text: text) == expected, "\(name) / \(text)")
    }
  }
}
