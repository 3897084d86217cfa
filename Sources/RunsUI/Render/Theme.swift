import RunsCore

/// Every style the screens use, chosen once from the render options so that the meaning of a
/// style survives without colour (bars and highlights fall back to attributes).
struct Theme: Sendable {
  let options: RenderOptions
  let glyphs: Glyphs

  init(_ options: RenderOptions) {
    self.options = options
    glyphs = options.asciiGlyphs ? .ascii : .unicode
  }

  var color: Bool { options.color }

  var header: Style { Style(bold: true) }
  var headerCursor: Style { Style(bold: true, reverse: true) }
  var title: Style { Style(bold: true) }
  var dim: Style { Style(dim: true) }
  var cursorHighlight: Style { Style(reverse: true) }
  var statusBar: Style { Style(reverse: true) }
  var statusBarAlert: Style { Style(bold: true, reverse: true) }
  var section: Style {
    color ? Style(foreground: .cyan, bold: true) : Style(bold: true, underline: true)
  }
  var label: Style { Style(bold: true) }

  /// A row's base style: the cursor row is reversed.
  func row(cursor: Bool) -> Style { cursor ? cursorHighlight : .plain }

  /// The selection mark: colour where available, bold always.
  func mark(on base: Style) -> Style {
    var style = base
    style.bold = true
    if color { style.foreground = .yellow }
    return style
  }

  /// The filled part of a metric bar. Without colour the bar flips reverse (so it shows on the
  /// cursor row too) and underlines.
  func bar(on base: Style) -> Style {
    var style = base
    if color {
      style.reverse = false
      style.background = .blue
      style.foreground = .white
    } else {
      style.reverse.toggle()
      style.underline = true
    }
    return style
  }

  /// The status word and symbol.
  func status(_ status: RunStatus, on base: Style) -> Style {
    var style = base
    guard color else { return style }
    switch status {
    case .succeeded: style.foreground = .green
    case .failed, .error: style.foreground = .red
    case .running: style.foreground = .blue
    default: break
    }
    return style
  }

  /// The best value of a compare row: bold, and green (colour) or underlined (no colour).
  func best(on base: Style) -> Style {
    var style = base
    style.bold = true
    if color { style.foreground = .green } else { style.underline = true }
    return style
  }

  /// A cell whose value a watch cycle changed (a status): bold and underlined.
  func changed(on base: Style) -> Style {
    var style = base
    style.bold = true
    style.underline = true
    return style
  }

  /// The ▲/▼ beside a changed metric: green when it got better, red when worse (bold for
  /// better without colour).
  func change(better: Bool?, on base: Style) -> Style {
    var style = base
    style.bold = better ?? false
    if color, let better { style.foreground = better ? .green : .red }
    return style
  }

  /// A problem's severity word.
  func severity(_ severity: Severity, on base: Style) -> Style {
    var style = base
    style.bold = severity == .error
    if color { style.foreground = severity == .error ? .red : .yellow }
    return style
  }
}
