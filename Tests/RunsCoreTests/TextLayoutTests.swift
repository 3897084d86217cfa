import Testing

@testable import RunsCore

@Suite struct TextLayoutTests {
  @Test(
    arguments: [
      ("short", 10, "short"), ("exactly10!", 10, "exactly10!"), ("a long run name", 8, "a long …"),
      ("abc", 1, "…"), ("abc", 0, ""), ("abc", -3, ""), ("", 4, ""), ("日本語テキスト", 7, "日本語…"),
      ("日本語テキスト", 6, "日本…"), ("ab日本", 4, "ab…"), ("日本", 1, "…"), ("日本", 2, "…"),
      ("🚀🚀🚀", 5, "🚀🚀…"), ("e\u{301}e\u{301}e\u{301}", 2, "e\u{301}…"),
      ("👩‍💻 dev", 4, "👩‍💻 …"),
    ])
  func fit(text: String, width: Int, expected: String) {
    let fitted = TextLayout.fit(text, width: width)
    #expect(fitted == expected)
    #expect(DisplayWidth.of(fitted) <= max(width, 0))
  }

  @Test(
    arguments: [
      ("ab", 5, false, "ab   "), ("ab", 5, true, "   ab"), ("abcdef", 4, false, "abc…"),
      ("日本", 5, true, " 日本"), ("日本語", 5, false, "日本…"), ("日本語", 4, false, "日… "),
      ("x", 0, false, ""),
    ])
  func pad(text: String, width: Int, alignRight: Bool, expected: String) {
    let padded = TextLayout.pad(text, width: width, alignRight: alignRight)
    #expect(padded == expected)
    #expect(DisplayWidth.of(padded) == max(width, 0))
  }

  /// Fitting never exceeds the width and keeps text that fits whole.
  @Test func fitNeverOverflows() {
    let samples = ["run", "日本語", "🚀a🚀b", "ab\u{301}cd", "x👩‍💻y", "ｱｲｳ"]
    for sample in samples {
      for width in 0...10 {
        let fitted = TextLayout.fit(sample, width: width)
        #expect(DisplayWidth.of(fitted) <= width)
        if DisplayWidth.of(sample) <= width { #expect(fitted == sample) }
        if width > 0 && DisplayWidth.of(sample) > width { #expect(fitted.hasSuffix("…")) }
      }
    }
  }
}

/// Fuzzing found `pad` short of its width when a mark starts the text (it joins the padding
/// space before it into one character) or a prepended mark ends it (it joins the space after).
@Suite struct TextLayoutJoiningTests {
  @Test(
    arguments: [
      // The fuzz finding: U+302E (a two-cell spacing mark) first, then NULs, unsanitized.
      "\u{302E}\0\0\u{302E}", "\u{302E}", "\u{302E}\u{302E}H", "\u{302E}\0H\0\u{302E}",
      "\u{093E}ab",  // a one-cell spacing mark
      "\u{1F3FB}x",  // an emoji skin-tone modifier
      "ab\u{0D4E}",  // a prepended letter last
    ])
  func padKeepsItsWidth(text: String) {
    for width in 1...12 {
      for alignRight in [false, true] {
        for candidate in [text, TextSanitizer.clean(text)] {
          let padded = TextLayout.pad(candidate, width: width, alignRight: alignRight)
          #expect(
            DisplayWidth.of(padded) == width,
            "\(candidate.unicodeScalars.map(\.value)) width \(width) right \(alignRight)")
          let fitted = TextLayout.fit(candidate, width: width)
          #expect(DisplayWidth.of(fitted) <= width)
        }
      }
    }
  }

  /// The join keeps the text itself: only spaces are added around it.
  @Test func padOnlyAddsSpaces() {
    let padded = TextLayout.pad("\u{302E}\0\0\u{302E}", width: 64, alignRight: true)
    let text = "\u{302E}\0\0\u{302E}".unicodeScalars
    #expect(padded.unicodeScalars.suffix(text.count).elementsEqual(text))
    #expect(padded.unicodeScalars.dropLast(text.count).allSatisfy { $0 == " " })
  }
}

@Suite struct MiddleShorteningTests {
  @Test func keepsTheBeginningAndTheEnd() {
    #expect(TextLayout.fitMiddle("resnet-finetune-0404-1623", width: 21) == "resnet-fin…-0404-1623")
    #expect(TextLayout.fitMiddle("short", width: 21) == "short")
    #expect(TextLayout.fitMiddle("abcdefgh", width: 3) == "ab…")
    #expect(TextLayout.fitMiddle("abcdefgh", width: 0) == "")
    // Two-cell characters never cross the width.
    let wide = TextLayout.fitMiddle("実験データ-ラン-0404", width: 11)
    #expect(DisplayWidth.of(wide) <= 11)
    #expect(wide.hasSuffix("0404"))
    #expect(wide.contains("…"))
  }

  @Test func aLabelKeepsItsShortIDWhole() {
    #expect(
      TextLayout.fitLabel("Run of mnist-train-pipeline", suffix: " (3f2a1)", width: 20)
        == "Run of…eline (3f2a1)")
    #expect(
      TextLayout.fitLabel("Run of mnist", suffix: " (3f2a1)", width: 30) == "Run of mnist (3f2a1)")
  }
}

@Suite struct ShortIDTests {
  @Test func shortestDistinctPrefixOfAtLeastFive() {
    #expect(ShortID.of(["3f2a1c0e-1", "9b07d2e4-2"]) == ["3f2a1", "9b07d"])
    #expect(ShortID.of(["mnist-run-1", "mnist-run-2"]) == ["mnist-run-1", "mnist-run-2"])
    #expect(ShortID.of(["abc", "abd"]) == ["abc", "abd"])
  }

  @Test func labelsOnlyWhereNamesRepeat() {
    #expect(
      ShortID.labels(names: ["a", "b", "a"], ids: ["111111", "222222", "333333"])
        == ["a (11111)", "b", "a (33333)"])
  }
}
