import Foundation
import RunsCore

/// Turns text from a server (error messages, HTML pages) into one plain line for a problem.
enum ServerText {
  /// One line: control characters made harmless (`TextSanitizer`), whitespace runs (newlines
  /// included) collapsed to one space, no leading or trailing space.
  static func plain(_ text: String) -> String {
    var out = ""
    var pendingSpace = false
    for scalar in TextSanitizer.clean(text).unicodeScalars {
      if scalar.properties.isWhitespace {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace {
        out.unicodeScalars.append(" ")
        pendingSpace = false
      }
      out.unicodeScalars.append(scalar)
    }
    return out
  }

  /// The `<title>` of an HTML page, or its first words without tags.
  static func htmlSummary(_ body: [UInt8]) -> String {
    let text = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
    if let open = text.range(of: "<title>", options: .caseInsensitive),
      let close = text.range(
        of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex)
    {
      let title = plain(String(text[open.upperBound..<close.lowerBound]))
      if !title.isEmpty { return title }
    }
    var stripped = ""
    var inTag = false
    for character in text {
      if character == "<" {
        inTag = true
        stripped.append(" ")
      } else if character == ">" {
        inTag = false
      } else if !inTag {
        stripped.append(character)
      }
    }
    return plain(stripped)
  }

  /// Whether a body looks like HTML (by content type or by its first bytes).
  static func isHTML(_ body: [UInt8], contentType: String?) -> Bool {
    if let contentType, contentType.lowercased().contains("html") { return true }
    let start = String(decoding: body.prefix(256), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    return start.hasPrefix("<!doctype html") || start.hasPrefix("<html")
      || start.hasPrefix("<head") || start.hasPrefix("<body")
  }
}
