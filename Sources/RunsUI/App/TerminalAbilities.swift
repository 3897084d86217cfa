/// What the application may draw with, from what the terminal and the environment say.
public enum TerminalAbilities {
  /// Whether the locale's codeset (`nl_langinfo(CODESET)`) is UTF-8, however it is spelled
  /// (`UTF-8`, `utf8`, `UTF_8`), so glyphs beyond ASCII can be drawn.
  public static func unicode(codeset: String) -> Bool {
    let name = codeset.uppercased().filter { $0 != "-" && $0 != "_" }
    return name == "UTF8"
  }

  /// Whether colours are drawn: the terminal has them and `NO_COLOR` is unset or empty
  /// (no-color.org).
  public static func colors(terminalHasColors: Bool, noColor: String?) -> Bool {
    terminalHasColors && (noColor ?? "").isEmpty
  }
}
