/// The one style of every message the command prints on stderr, whichever part found it:
/// `kfp-runs: error: …` and `kfp-runs: warning: …`.
enum Diagnostic {
  /// Writes `message` as an error line.
  static func error(_ message: String) {
    StandardError.write("kfp-runs: error: \(message)\n")
  }

  /// Writes `message` as a warning line.
  static func warning(_ message: String) {
    StandardError.write("kfp-runs: warning: \(message)\n")
  }

  /// The argument parser's message (`Error: …`, then its usage hint) in the same style.
  static func restyled(parserMessage text: String) -> String {
    let prefix = "Error: "
    guard text.hasPrefix(prefix) else { return text }
    return "kfp-runs: error: " + text.dropFirst(prefix.count)
  }
}
