extension Style {
  /// This style's attributes added to `base` (used to keep the cursor row's reverse).
  func merged(_ base: Style) -> Style {
    var style = base
    style.bold = style.bold || bold
    style.underline = style.underline || underline
    if foreground != .standard { style.foreground = foreground }
    return style
  }
}
