import Foundation
import RunsCore

/// The query prompt (`f`) while it is open: the text typed so far, its error (checked at every
/// keystroke; compiling is cheap, evaluating waits for Enter), what Tab offers and where ↑/↓
/// are in the session's history.
struct QueryPromptState: Sendable {
  /// The text typed so far.
  var text: String
  /// Why `text` is not a query yet; `nil` when it compiles (or is blank).
  private(set) var error: QueryError?
  /// The compiled `text`, when it compiles.
  private(set) var query: Query?
  /// The names the query may use (those of the runs when the prompt opened).
  let names: QueryNames
  let timeZone: TimeZone
  /// The names (or status words) the last Tab found, for the line under the prompt.
  private(set) var offered: [String] = []
  /// Repeated Tab steps through the candidates: the text before the word, and the one shown.
  private var cycle: (base: String, candidates: [String], index: Int)?
  /// Which history entry ↑/↓ show (`nil`: the text being typed), and that text.
  private var historyIndex: Int?
  private var draft = ""

  init(text: String, names: QueryNames, timeZone: TimeZone) {
    self.text = text
    self.names = names
    self.timeZone = timeZone
    check()
  }

  /// Compiles `text`, keeping the query or the error.
  mutating func check() {
    do {
      query = try Query.compile(text, names: names, timeZone: timeZone)
      error = nil
    } catch {
      query = nil
      self.error = error
    }
  }

  /// Replaces the text (typing, deleting, history) and checks it.
  mutating func setText(_ newText: String, keepOffered: Bool = false) {
    text = newText
    if !keepOffered {
      offered = []
      cycle = nil
    }
    check()
  }

  // MARK: History

  /// ↑: the previous entry of `history` (oldest last reached stays).
  mutating func previous(in history: [String]) {
    guard !history.isEmpty else { return }
    if historyIndex == nil { draft = text }
    let index = max(0, (historyIndex ?? history.count) - 1)
    historyIndex = index
    setText(history[index])
  }

  /// ↓: the next entry, then the text that was being typed.
  mutating func next(in history: [String]) {
    guard let current = historyIndex else { return }
    if current + 1 < history.count {
      historyIndex = current + 1
      setText(history[current + 1])
    } else {
      historyIndex = nil
      setText(draft)
    }
  }

  // MARK: Completion

  /// Tab: completes the name (or status word) being typed at the end of the text. One
  /// candidate replaces the word; several extend it to what they share, and further Tabs
  /// step through them.
  mutating func complete() {
    if let cycle, text == cycle.base + cycle.candidates[cycle.index] {
      let index = (cycle.index + 1) % cycle.candidates.count
      self.cycle = (cycle.base, cycle.candidates, index)
      setText(cycle.base + cycle.candidates[index], keepOffered: true)
      return
    }
    let (base, word) = Self.split(text)
    let candidates = candidates(for: word, after: base)
    offered = candidates
    cycle = nil
    guard let first = candidates.first else { return }
    if candidates.count == 1 {
      setText(base + first + " ", keepOffered: true)
      return
    }
    let shared = Self.sharedPrefix(candidates)
    if shared.count > word.count {
      setText(base + shared, keepOffered: true)
    } else {
      cycle = (base, candidates, 0)
      setText(base + first, keepOffered: true)
    }
  }

  /// The text before the word at the end, and that word (name characters and a prefix).
  static func split(_ text: String) -> (base: String, word: String) {
    var start = text.endIndex
    while start > text.startIndex {
      let before = text.index(before: start)
      let character = text[before]
      guard character.isLetter || character.isNumber || "-_.:".contains(character) else { break }
      start = before
    }
    return (String(text[..<start]), String(text[start...]))
  }

  /// What `word` may become: status words right after `status =` (or inside `status in (`),
  /// else metric, parameter and attribute names (of one kind after a prefix such as `param:`).
  func candidates(for word: String, after base: String) -> [String] {
    let lowered = word.lowercased()
    if Self.expectsStatus(base) {
      return RunStatus.allCases.map(\.rawValue).filter { $0.lowercased().hasPrefix(lowered) }
    }
    var prefix = ""
    var pool: [String]
    if let (written, kind) = QuerySyntax.prefixes.compactMap({ entry -> (String, QueryNameKind)? in
      lowered.hasPrefix(entry.prefix) ? (String(word.prefix(entry.prefix.count)), entry.kind) : nil
    }).first {
      prefix = written
      switch kind {
      case .metric: pool = names.metrics.sorted()
      case .parameter: pool = names.parameters.sorted()
      case .attribute: pool = QueryAttribute.allCases.map(\.rawValue)
      }
    } else {
      pool = names.all
    }
    let typed = String(lowered.dropFirst(prefix.count))
    return pool.filter { $0.lowercased().hasPrefix(typed) }.map {
      prefix + (QuerySyntax.isBareName($0) ? $0 : "`" + $0 + "`")
    }
  }

  /// Whether the text ends where a status word is expected.
  static func expectsStatus(_ base: String) -> Bool {
    let pattern =
      #"(?i)(^|[\s(])(attr:|attributes\.)?status\s*((!?=|!?~)\s*|(not\s+)?in\s*\(([^)]*,)?\s*)$"#
    return base.range(of: pattern, options: .regularExpression) != nil
  }

  /// The longest start every text shares, ignoring case (in the first text's spelling).
  static func sharedPrefix(_ texts: [String]) -> String {
    guard var shared = texts.first.map(Array.init) else { return "" }
    for text in texts.dropFirst() {
      let other = Array(text)
      var count = 0
      while count < min(shared.count, other.count),
        shared[count].lowercased() == other[count].lowercased()
      {
        count += 1
      }
      shared = Array(shared.prefix(count))
    }
    return String(shared)
  }
}
