import Testing

@testable import RunsUI

/// What the terminal backend decides from the terminal's type, locale and environment.
@Suite struct TerminalAbilitiesTests {
  @Test func unicodeFollowsTheCodeset() {
    for codeset in ["UTF-8", "utf8", "UTF_8", "utf-8"] {
      #expect(TerminalAbilities.unicode(codeset: codeset), "\(codeset)")
    }
    for codeset in ["ANSI_X3.4-1968", "ISO-8859-1", "UTF-16", ""] {
      #expect(!TerminalAbilities.unicode(codeset: codeset), "\(codeset)")
    }
  }

  /// NO_COLOR set to anything but the empty string turns colours off (no-color.org).
  @Test func noColorTurnsColoursOff() {
    #expect(TerminalAbilities.colors(terminalHasColors: true, noColor: nil))
    #expect(TerminalAbilities.colors(terminalHasColors: true, noColor: ""))
    #expect(!TerminalAbilities.colors(terminalHasColors: true, noColor: "1"))
    #expect(!TerminalAbilities.colors(terminalHasColors: false, noColor: nil))
  }

  /// Each reason names what to do instead, and the terminal type when it is the reason.
  @Test func terminalErrorsSayWhatToDo() {
    let all: [TerminalError] = [
      .termNotSet, .noTerminal, .unknownType("vt999"), .cannotMoveCursor("dumb"),
    ]
    for error in all { #expect(error.description.contains("`kfp-runs list`")) }
    #expect(TerminalError.termNotSet.description.hasPrefix("TERM is not set"))
    #expect(TerminalError.unknownType("vt999").description.contains("\"vt999\" is unknown"))
    #expect(TerminalError.cannotMoveCursor("dumb").description.contains("\"dumb\" cannot move"))
  }
}
