/// The `>` prompt: the file name being typed, for which view, and whether a file of that name
/// is waiting for a yes or no.
struct ExportPromptState: Sendable {
  /// Which view is written.
  enum View: Sendable, Hashable {
    case table
    case compare
  }

  var view: View
  /// The name as typed (prefilled with the default).
  var name: String
  /// The path of a file that exists: `y` overwrites it, `n` or Esc goes back to the name.
  var confirming: String?
}
