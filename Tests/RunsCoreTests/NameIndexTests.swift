import Testing

@testable import RunsCore

@Suite struct NameIndexTests {
  /// The index answers what `RunFilter` answers for each run.
  private func expectAgrees(_ index: NameIndex, _ names: [String], _ text: String) {
    let expected = names.indices.filter {
      RunFilter.matches(Fixture.run("id", name: names[$0]), text: text)
    }
    #expect(index.matchingIndices(text) == expected, "\(text)")
    let mask = index.matchMask(text)
    #expect(mask.indices.filter { mask[$0] } == expected, "\(text)")
    // The same on two cores, halves split anywhere.
    let parallel = index.matchMask(text, runs: nil, parallelFrom: 2)
    #expect(parallel == mask, "\(text)")
  }

  @Test func findsCaseInsensitiveSubstrings() {
    let names = ["Train ResNet", "resnet-2", "VGG", "", "train", "ResNeXt"]
    let index = NameIndex(names)
    #expect(index.matchingIndices("resnet") == [0, 1])
    #expect(index.matchingIndices("RESNE") == [0, 1, 5])
    #expect(index.matchingIndices("") == [0, 1, 2, 3, 4, 5])
    #expect(index.matchingIndices("nothing").isEmpty)
    for text in ["r", "t", "n", "rain", "x", "-2"] { expectAgrees(index, names, text) }
  }

  /// The end of one name and the start of the next never make a match.
  @Test func aMatchNeverSpansTwoNames() {
    let index = NameIndex(["abc", "def", "ab", "cdef"])
    #expect(index.matchingIndices("cd").isEmpty == false)
    #expect(index.matchingIndices("cd") == [3])
    #expect(index.matchingIndices("bcd").isEmpty)
    #expect(index.matchingIndices("cde") == [3])
    #expect(index.matchingIndices("bcdef").isEmpty)
    #expect(index.matchingIndices("abcdef").isEmpty)
  }

  /// Non-ASCII names are lowercased with Unicode's mapping and compared without accents.
  @Test func nonASCIINames() {
    let names = ["Ärger-Lauf", "Модель-1", "日本語 run", "Cafe\u{301}", "K\u{212A}", "café"]
    let index = NameIndex(names)
    #expect(index.matchingIndices("ärger") == [0])
    #expect(index.matchingIndices("ÄRGER") == [0])
    #expect(index.matchingIndices("модель") == [1])
    #expect(index.matchingIndices("RUN") == [2])
    #expect(index.matchingIndices("café") == [3, 5])
    #expect(index.matchingIndices("cafe\u{301}") == [3, 5])
    #expect(index.matchingIndices("cafe") == [3, 5])
    #expect(index.matchingIndices("arger") == [0])
    #expect(index.matchingIndices("kk") == [4])
    for text in ["ä", "a", "e", "日本", "1", "é"] { expectAgrees(index, names, text) }
  }

  /// Names appended in batches and replaced in place (same length or not) answer as a fresh
  /// index of the final names does, needles of every length, from many positions.
  @Test func batchesAndReplacementsAgreeWithAFreshIndex() {
    var generator = SeededRandom(seed: 11)
    let alphabet = Array("abAB-x é日")
    func random(_ length: UInt64) -> String {
      String((0..<(generator.next() % length)).map { _ in alphabet[Int(generator.next() % 9)] })
    }
    var names: [String] = []
    var index = NameIndex()
    for _ in 0..<40 {
      let batch = (0..<Int(generator.next() % 30)).map { _ in random(40) }
      names += batch
      index.append(contentsOf: batch)
      if !names.isEmpty {
        var replacements: [(index: Int, name: String)] = []
        for _ in 0..<Int(generator.next() % 4) {
          let at = Int(generator.next() % UInt64(names.count))
          // Half keep the length (overwritten in place), half change it.
          let name =
            generator.next() % 2 == 0
            ? String(names[at].reversed()) : random(40)
          replacements.append((at, name))
          names[at] = name
        }
        index.replace(replacements)
      }
      #expect(index.count == names.count)
      for _ in 0..<8 {
        let text = random(6)
        expectAgrees(index, names, text)
        let fresh = NameIndex(names)
        #expect(fresh.matchingIndices(text) == index.matchingIndices(text))
      }
    }
  }

  /// Long names exercise the 16-byte steps, matches at their very start and end, and a run of
  /// bytes like the needle's anchors that does not match.
  @Test func longNamesAndBlockEdges() {
    let names = [
      String(repeating: "a", count: 37) + "needle",
      "needle" + String(repeating: "b", count: 50),
      String(repeating: "ne", count: 40),
      String(repeating: "x", count: 15) + "NEEDLE" + String(repeating: "y", count: 15),
    ]
    let index = NameIndex(names)
    #expect(index.matchingIndices("needle") == [0, 1, 3])
    #expect(index.matchingIndices("enen") == [2])
    #expect(index.matchMask("needle", runs: 1..<3) == [true, false])
    for text in ["e", "ne", "aaan", "eb", "dl", "ly"] { expectAgrees(index, names, text) }
  }

  @Test func matchMaskOfARangeOfRuns() {
    let index = NameIndex(["alpha", "beta", "alphabet", "gamma"])
    #expect(index.matchMask("alpha", runs: 1..<4) == [false, true, false])
    #expect(index.matchMask("", runs: 2..<4) == [true, true])
    #expect(index.matchMask("a", runs: 0..<0) == [])
  }
}
