/// The runs table's filter: a case-insensitive substring of the run name (KFP's filter box).
public enum RunFilter {
  /// Whether the run's name contains `text`, ignoring case; empty text matches every run.
  public static func matches(_ run: Run, text: String) -> Bool {
    NameMatcher(text).matches(run.name)
  }

  /// The indices of the runs whose names contain `text`, in order; the needle is prepared
  /// once, so this is the call for filtering many runs.
  public static func matchingIndices(_ runs: [Run], text: String) -> [Int] {
    let matcher = NameMatcher(text)
    if matcher.matchesEverything { return Array(runs.indices) }
    return runs.indices.filter { matcher.matches(runs[$0].name) }
  }
}

/// A case-insensitive substring test with a byte-level path for ASCII text.
struct NameMatcher {
  private let needle: String
  private let asciiNeedle: [UInt8]?

  init(_ text: String) {
    needle = text.lowercased()
    asciiNeedle = needle.utf8.allSatisfy { $0 < 0x80 } ? Array(needle.utf8) : nil
  }

  var matchesEverything: Bool { needle.isEmpty }

  func matches(_ name: String) -> Bool {
    if needle.isEmpty { return true }
    if let asciiNeedle, let found = asciiContains(name, asciiNeedle) { return found }
    return name.lowercased().contains(needle)
  }

  /// The answer when `name` is ASCII, `nil` when it is not.
  private func asciiContains(_ name: String, _ needle: [UInt8]) -> Bool? {
    var name = name
    return name.withUTF8 { haystack -> Bool? in
      if haystack.count < needle.count {
        return haystack.allSatisfy { $0 < 0x80 } ? false : nil
      }
      var index = 0
      while index + needle.count <= haystack.count {
        var offset = 0
        while offset < needle.count {
          let byte = haystack[index + offset]
          if byte >= 0x80 { return nil }
          let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
          if lowered != needle[offset] { break }
          offset += 1
        }
        if offset == needle.count { return true }
        index += 1
      }
      return haystack.allSatisfy { $0 < 0x80 } ? false : nil
    }
  }
}
