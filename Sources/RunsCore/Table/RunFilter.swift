/// The runs table's filter: a case-insensitive substring of the run name (KFP's filter box),
/// compared as `FilterText` defines it.
public enum RunFilter {
  /// Whether the run's name contains `text`, ignoring case; empty text matches every run.
  public static func matches(_ run: Run, text: String) -> Bool {
    NameMatcher(text).matches(run.name)
  }

  /// The indices of the runs whose names contain `text`, in order; the needle is prepared
  /// once, so this is the call for filtering many runs that are not in a `NameIndex`.
  public static func matchingIndices(_ runs: [Run], text: String) -> [Int] {
    let matcher = NameMatcher(text)
    if matcher.matchesEverything { return Array(runs.indices) }
    return runs.indices.filter { matcher.matches(runs[$0].name) }
  }
}

/// A filter needle prepared once, tested against one name at a time; ASCII names are lowered
/// on the fly instead of being copied.
struct NameMatcher {
  private let needle: [UInt8]

  init(_ text: String) {
    needle = FilterText.bytes(text)
  }

  var matchesEverything: Bool { needle.isEmpty }

  func matches(_ name: String) -> Bool {
    if needle.isEmpty { return true }
    var name = name
    let ascii = name.withUTF8 { haystack -> Bool? in
      guard haystack.allSatisfy({ $0 < 0x80 }) else { return nil }
      guard haystack.count >= needle.count else { return false }
      for start in 0...(haystack.count - needle.count) {
        var offset = 0
        while offset < needle.count {
          let byte = haystack[start + offset]
          if (byte &- 0x41 < 26 ? byte | 0x20 : byte) != needle[offset] { break }
          offset += 1
        }
        if offset == needle.count { return true }
      }
      return false
    }
    return ascii ?? FilterText.contains(FilterText.bytes(name), needle)
  }
}
