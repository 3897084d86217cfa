import Foundation

/// Quoting for a path shown inside a suggested shell command.
enum ShellText {
  /// The text unchanged when it is plain, else in single quotes.
  static func quoted(_ text: String) -> String {
    let plain =
      !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@+,".contains($0) }
    if plain { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
