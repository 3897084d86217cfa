/// Where a key binding applies.
public enum KeyContext: Sendable, Hashable, CaseIterable {
  /// Every screen (unless a more specific binding or a text field takes the key).
  case global
  case table
  case compare
  case details
  case picker
  case metricPicker
  case filter
  case problems
  case query
  case plot
  case exportPrompt
  /// Mouse gestures (listed for help; handled from `Key.mouse`).
  case mouse

  /// The help screen's heading for the context.
  public var title: String {
    switch self {
    case .global: "Everywhere"
    case .table: "Runs table"
    case .compare: "Compare view"
    case .details: "Run details"
    case .picker: "Pickers (experiment, metrics)"
    case .metricPicker: "Metric picker"
    case .filter: "Filter input"
    case .problems: "Problems list"
    case .query: "Query prompt"
    case .plot: "Plot"
    case .exportPrompt: "Write the view to a file (>)"
    case .mouse: "Mouse"
    }
  }
}

/// One row of the key map: the keys, how help names them, what they do.
public struct KeyBinding: Sendable, Hashable {
  /// The screen the binding belongs to.
  public var context: KeyContext
  /// The keys that trigger it.
  public var keys: [Key]
  /// How the help screen writes the keys, e.g. `↑ k`.
  public var label: String
  /// What it does, as the help screen says it.
  public var description: String
  /// The action it triggers (`nil` for help-only rows such as typing text).
  public var action: Action?

  /// Creates a binding.
  public init(
    _ context: KeyContext, _ keys: [Key], _ label: String, _ description: String,
    _ action: Action?
  ) {
    self.context = context
    self.keys = keys
    self.label = label
    self.description = description
    self.action = action
  }
}
