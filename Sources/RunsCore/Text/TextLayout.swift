/// Fits text into a number of terminal cells.
public enum TextLayout {
  /// The ellipsis that marks cut text; one cell wide.
  public static let ellipsis = "…"

  /// `text` unchanged when it fits in `width` cells; otherwise as many leading characters as
  /// fit followed by `…`, never wider than `width`. A two-cell character that would cross
  /// the limit is dropped. `""` when `width` ≤ 0.
  public static func fit(_ text: String, width: Int) -> String {
    if width <= 0 { return "" }
    let utf8 = text.utf8
    if isPrintableASCII(utf8) {
      // One byte is one cell: cut by bytes.
      if utf8.count <= width { return text }
      return String(decoding: utf8.prefix(width - 1), as: UTF8.self) + ellipsis
    }
    if DisplayWidth.of(text) <= width { return text }
    var used = 0
    var end = text.startIndex
    for index in text.indices {
      let cells = DisplayWidth.of(text[index])
      if used + cells > width - 1 { break }
      used += cells
      end = text.index(after: index)
    }
    return String(text[..<end]) + ellipsis
  }

  /// `text` fitted to `width` cells (see `fit`) and padded with spaces to exactly `width`
  /// cells: on the right, or on the left when `alignRight`. `""` when `width` ≤ 0.
  public static func pad(_ text: String, width: Int, alignRight: Bool = false) -> String {
    if width <= 0 { return "" }
    let fitted = fit(text, width: width)
    let cells = DisplayWidth.of(fitted)
    if cells >= width { return fitted }
    let padded = spaced(fitted, width - cells, alignRight)
    if isPrintableASCII(fitted.utf8) { return padded }
    // A mark at the start of `fitted` (spacing, combining or an emoji modifier) joins the space
    // before it into one character, and a prepended mark at its end the space after it; the
    // joined character takes fewer cells than its parts did. Pad the far side by the cells the
    // join took, so the result is `width` cells as DisplayWidth counts them.
    let joined = DisplayWidth.of(padded)
    if joined >= width { return padded }
    return spaced(fitted, width - cells + width - joined, alignRight)
  }

  private static func spaced(_ text: String, _ count: Int, _ alignRight: Bool) -> String {
    let spaces = String(repeating: " ", count: count)
    return alignRight ? spaces + text : text + spaces
  }

  @inline(__always)
  static func isPrintableASCII(_ utf8: String.UTF8View) -> Bool {
    utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
  }
}
