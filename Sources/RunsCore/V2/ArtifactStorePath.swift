import Foundation

/// A step folder's path inside a KFP 1.x artifact store run folder:
/// `[YYYY/MM/DD/]<pod>` (Argo's key format puts the workflow's creation date before the pod).
public struct ArtifactStorePath: Sendable, Hashable {
  /// The node: the path without the date folders (`.` when nothing is left).
  public var node: String
  /// The day the date folders name (UTC midnight), when there are any.
  public var day: Date?

  /// Reads `folder`, a path relative to the run folder.
  public init(_ folder: String) {
    var parts = folder.split(separator: "/").map(String.init)
    day = nil
    if let start = parts.indices.first(where: { Self.isDate(parts, at: $0) }) {
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = TimeZone(identifier: "UTC")!
      day = calendar.date(
        from: DateComponents(
          year: Int(parts[start]), month: Int(parts[start + 1]), day: Int(parts[start + 2])))
      parts.removeSubrange(start..<start + 3)
    }
    node = parts.isEmpty ? "." : parts.joined(separator: "/")
  }

  /// `YYYY`, `MM`, `DD` folders starting at `index`.
  private static func isDate(_ parts: [String], at index: Int) -> Bool {
    guard index + 2 < parts.count else { return false }
    func number(_ text: String, digits: Int, in range: ClosedRange<Int>) -> Bool {
      text.utf8.count == digits && text.utf8.allSatisfy { (48...57).contains($0) }
        && range.contains(Int(text) ?? -1)
    }
    return number(parts[index], digits: 4, in: 1970...9999)
      && number(parts[index + 1], digits: 2, in: 1...12)
      && number(parts[index + 2], digits: 2, in: 1...31)
  }
}
