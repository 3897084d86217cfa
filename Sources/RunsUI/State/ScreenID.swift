/// The screens of the application; `AppState.screens` is a stack of them over the runs table.
public enum ScreenID: Sendable, Hashable {
  case table
  case compare
  case details
  case help
  case problems
  case filterInput
  case queryInput
  case experimentPicker
  case metricPicker
  case plot
  case axisPicker
  case exportPrompt

  /// The key map context of the screen.
  var keyContext: KeyContext {
    switch self {
    case .table: .table
    case .compare: .compare
    case .details: .details
    case .help: .global
    case .problems: .problems
    case .filterInput: .filter
    case .queryInput: .query
    case .experimentPicker: .picker
    case .metricPicker: .metricPicker
    case .plot: .plot
    case .axisPicker: .picker
    case .exportPrompt: .exportPrompt
    }
  }
}
