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

  /// `text` unchanged when it fits in `width` cells; otherwise its beginning, `…` and its end
  /// (the end gets the smaller half), never wider than `width`: run names differ at the end
  /// (`resnet-fine…0404-1623`). `""` when `width` ≤ 0.
  public static func fitMiddle(_ text: String, width: Int) -> String {
    if width <= 0 { return "" }
    if width < 4 { return fit(text, width: width) }
    let utf8 = text.utf8
    let tailCells = (width - 1) / 2
    let headCells = width - 1 - tailCells
    if isPrintableASCII(utf8) {
      if utf8.count <= width { return text }
      return String(decoding: utf8.prefix(headCells), as: UTF8.self) + ellipsis
        + String(decoding: utf8.suffix(tailCells), as: UTF8.self)
    }
    if DisplayWidth.of(text) <= width { return text }
    var tail = text.endIndex
    var used = 0
    while tail > text.startIndex {
      let previous = text.index(before: tail)
      let cells = DisplayWidth.of(text[previous])
      if used + cells > tailCells { break }
      used += cells
      tail = previous
    }
    let head = fit(String(text[..<tail]), width: width - used)
    // `fit` ended the head with the ellipsis already.
    return head + String(text[tail...])
  }

  /// A run's label fitted to `width` cells: `name` shortened in the middle, `suffix` (such as
  /// ` (3f2a1)`, the short id that tells same-named runs apart) kept whole while it fits.
  public static func fitLabel(_ name: String, suffix: String, width: Int) -> String {
    if suffix.isEmpty { return fitMiddle(name, width: width) }
    let suffixCells = DisplayWidth.of(suffix)
    if DisplayWidth.of(name) + suffixCells <= width { return name + suffix }
    if width - suffixCells < 4 { return fitMiddle(name + suffix, width: width) }
    return fitMiddle(name, width: width - suffixCells) + suffix
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
