import Foundation
import Testing

@testable import RunsUI

/// README's key tables are the key map, as help shows it: a key bound, renamed or removed
/// without README following fails here. `UPDATE_README=1 swift test --filter ReadmeKeysTests`
/// writes them from the key map (then review the diff).
@Suite struct ReadmeKeysTests {
  static let readmeURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
  static let start = "<!-- The key tables are written from the key map: see ReadmeKeysTests. -->\n"
  static let end = "<!-- End of the key tables. -->\n"

  /// One table per help section, in help's order.
  static func markdown() -> String {
    var text = ""
    for context in KeyContext.allCases {
      let bindings = KeyMap.bindings.filter { $0.context == context }
      guard !bindings.isEmpty else { continue }
      if !text.isEmpty { text += "\n" }
      text += "**\(context.title)**\n\n| key | does |\n|---|---|\n"
      for binding in bindings {
        let label = binding.label == "text" ? "text" : "`\(binding.label)`"
        text += "| \(label) | \(binding.description.replacingOccurrences(of: "|", with: "\\|")) |\n"
      }
    }
    return text
  }

  @Test func theKeyTablesAreTheKeyMap() throws {
    let readme = try String(contentsOf: Self.readmeURL, encoding: .utf8)
    let from = try #require(readme.range(of: Self.start), "README has no key tables")
    let to = try #require(readme.range(of: Self.end, range: from.upperBound..<readme.endIndex))
    let expected = Self.markdown()
    if ProcessInfo.processInfo.environment["UPDATE_README"] == "1" {
      let updated = readme.replacingCharacters(
        in: from.upperBound..<to.lowerBound, with: "\n" + expected + "\n")
      try updated.write(to: Self.readmeURL, atomically: true, encoding: .utf8)
      return
    }
    let shown = readme[from.upperBound..<to.lowerBound].trimmingCharacters(in: .newlines)
    #expect(shown == expected.trimmingCharacters(in: .newlines))
  }

  @Test func everyContextWithKeysHasATable() {
    let text = Self.markdown()
    #expect(text.contains("**Runs table**\n"))
    #expect(text.contains("| `s` | sort by the column under the cursor (again: reverse) |"))
    #expect(text.components(separatedBy: "| key | does |").count - 1 >= 10)
  }
}
