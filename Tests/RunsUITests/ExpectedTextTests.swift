import Foundation
import TestSupport
import Testing

/// The snapshot and golden helper: it passes on equal text, fails on different text, and records
/// a missing file while failing once.
@Suite struct ExpectedTextTests {
  private let folder = URL(fileURLWithPath: NSTemporaryDirectory())
    .appendingPathComponent("kfp-runs-expected-\(UUID().uuidString)")

  @Test func equalTextPasses() throws {
    let url = folder.appendingPathComponent("same.txt")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("a\nb\n".utf8).write(to: url)
    expectText("a\nb\n", inFile: url)
  }

  @Test func differentTextFailsAndNamesTheLine() throws {
    let url = folder.appendingPathComponent("other.txt")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("a\nb\n".utf8).write(to: url)
    withKnownIssue {
      expectText("a\nc\n", inFile: url)
    } matching: { issue in
      "\(issue)".contains(#"line 2: got "c" / want "b""#)
    }
    #expect(try String(contentsOf: url, encoding: .utf8) == "a\nb\n")
  }

  @Test func aMissingFileIsRecordedAndFailsOnce() throws {
    let url = folder.appendingPathComponent("new/missing.txt")
    defer { try? FileManager.default.removeItem(at: folder) }
    withKnownIssue {
      expectText("fresh\n", inFile: url)
    } matching: { issue in
      "\(issue)".contains("recorded missing.txt")
    }
    #expect(try String(contentsOf: url, encoding: .utf8) == "fresh\n")
    expectText("fresh\n", inFile: url)
  }
}
