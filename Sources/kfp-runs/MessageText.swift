import Foundation
import RunsCore
import RunsData

/// What every message on stderr passes through, whichever part of the program wrote it (ours,
/// the argument parser's, the terminal's): no credential and no control sequence gets out.
enum MessageText {
  /// `text` line by line: the active credentials and any URL's password replaced by
  /// `[redacted]`, every control character replaced (line feeds between lines kept).
  static func safe(_ text: String) -> String {
    let redactor = ActiveCredentials.redactor
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      TextSanitizer.clean(redactor.redacting(Redactor.redactingURLPasswords(String(line))))
    }.joined(separator: "\n")
  }
}

/// The credentials this process sends, once they are known: whatever it prints is redacted of
/// them, run data included (a proxy may reflect a header into a run's name).
enum ActiveCredentials {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var current = Redactor(token: nil, cookie: nil)

  /// The redactor for the credentials in use (none until ``activate(_:)``).
  static var redactor: Redactor {
    lock.withLock { current }
  }

  /// Makes `redactor`'s secrets the ones to redact from every message.
  static func activate(_ redactor: Redactor) {
    lock.withLock { current = redactor }
  }
}
