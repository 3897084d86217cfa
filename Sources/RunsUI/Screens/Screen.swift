import Foundation
import RunsCore

/// Renders the application state into a grid of cells: the screen on top of the stack, over
/// the screen it was opened from when it is a panel.
public enum Screen {
  /// Below this size only a note is drawn.
  static let minimumWidth = 20
  static let minimumHeight = 5

  /// Draws `state` for a terminal of `width` × `height` cells; `now` dates running runs.
  public static func render(_ state: AppState, width: Int, height: Int, now: Date) -> Grid {
    var grid = Grid(width: width, height: height)
    let theme = Theme(state.options)
    if isTooSmall(width: grid.width, height: grid.height) {
      drawTooSmall(&grid)
      return finish(grid, theme)
    }
    let base = state.screens.last { !$0.isPanel } ?? .table
    switch base {
    case .compare: CompareScreen.draw(&grid, state, theme: theme, now: now)
    case .details: DetailsScreen.draw(&grid, state, theme: theme, now: now)
    case .plot: PlotScreen.draw(&grid, state, theme: theme)
    default: TableScreen.draw(&grid, state, theme: theme, now: now)
    }
    switch state.topScreen {
    case .help: HelpScreen.draw(&grid, state, theme: theme)
    case .problems: ProblemsScreen.draw(&grid, state, theme: theme)
    case .experimentPicker: PickerScreens.drawExperiments(&grid, state, theme: theme)
    case .metricPicker: PickerScreens.drawMetrics(&grid, state, theme: theme)
    case .filterInput: TableScreen.drawFilterLine(&grid, state, theme: theme)
    case .queryInput: QueryPromptScreen.draw(&grid, state, theme: theme)
    case .axisPicker: PlotScreen.drawAxisPicker(&grid, state, theme: theme)
    case .exportPrompt: ExportPromptLine.draw(&grid, state, theme: theme)
    default: break
    }
    if state.topScreen != .exportPrompt, let message = state.message {
      drawMessage(&grid, message, theme: theme)
    }
    return finish(grid, theme)
  }

  /// Whether a terminal of this size only gets the "too small" note.
  static func isTooSmall(width: Int, height: Int) -> Bool {
    width < minimumWidth || height < minimumHeight
  }

  /// A one-time message (a file written, an id copied) takes the whole status bar, cut in the
  /// middle when it is too long so both the start and the file name stay readable.
  private static func drawMessage(_ grid: inout Grid, _ message: String, theme: Theme) {
    let y = grid.height - 1
    grid.fill(x: 0, y: y, count: grid.width, style: theme.statusBarAlert)
    let text = TextLayout.fitMiddle(TextSanitizer.clean(message), width: max(0, grid.width - 2))
    grid.put(text, x: 1, y: y, style: theme.statusBarAlert)
  }

  private static func drawTooSmall(_ grid: inout Grid) {
    let lines = Wrap.lines("Terminal too small", width: grid.width)
    for (row, line) in lines.prefix(grid.height).enumerated() {
      grid.put(line, x: 0, y: row)
    }
  }

  /// Symbols shared text uses (key names, hints, the ellipsis of cut text) and their ASCII
  /// stand-ins.
  static let asciiFallbacks: [String: String] = [
    TextLayout.ellipsis: "~", "↑": "^", "↓": "v", "←": "<", "→": ">", "·": "|", "–": "-",
    "—": "-", "▏": "_", "◂": "<", MetricDelta.minus: "-",
  ]

  /// In ASCII mode, replaces the symbols of `asciiFallbacks`.
  static func finish(_ grid: Grid, _ theme: Theme) -> Grid {
    guard theme.options.asciiGlyphs else { return grid }
    var grid = grid
    for y in 0..<grid.height {
      for x in 0..<grid.width {
        if let fallback = asciiFallbacks[grid[x, y].text] { grid[x, y].text = fallback }
      }
    }
    return grid
  }
}

extension ScreenID {
  /// Panels are drawn over the screen they were opened from.
  var isPanel: Bool {
    switch self {
    case .help, .problems, .experimentPicker, .metricPicker, .filterInput, .queryInput, .axisPicker,
      .exportPrompt:
      true
    case .table, .compare, .details, .plot: false
    }
  }
}
