/// How a grid cell's text goes onto a terminal that holds, per screen cell, one spacing
/// character with the zero-width characters after it (as curses does): which characters go
/// into which of the cell's columns. The terminal measures characters with its C library
/// (`wcwidth`), so it hands in its own measure.
public enum TerminalCellText {
  /// What one screen cell holds: a spacing character and the zero-width ones after it.
  public struct Piece: Sendable, Hashable {
    /// The characters (Unicode scalar values), the spacing one first.
    public var characters: [UInt32]
    /// Its column, counted from the grid cell's first.
    public var column: Int

    /// A piece of `characters` at `column`.
    public init(_ characters: [UInt32], column: Int) {
      self.characters = characters
      self.column = column
    }
  }

  /// The pieces that draw `text`, which the grid gives `cells` columns (its continuation
  /// cells follow it). `limit` is how many characters a screen cell holds; `width` is the
  /// terminal's measure of a character (-1 when it cannot show it); `unicode` says whether
  /// the replacement character can be shown (else `?` stands in).
  public static func pieces(
    of text: String, cells: Int, limit: Int, unicode: Bool, width: (UInt32) -> Int
  ) -> [Piece] {
    let groups = spacingGroups(text, limit: limit, width: width)
    let widths = groups.map { width($0[0]) }
    // A cluster of several spacing characters (a flag's two regional indicators) is drawn
    // whole, one character after another, when the terminal measures it as the grid does.
    if groups.count > 1, widths.allSatisfy({ $0 > 0 }), widths.reduce(0, +) == cells {
      var pieces: [Piece] = []
      var column = 0
      for (group, width) in zip(groups, widths) {
        pieces.append(Piece(group, column: column))
        column += width
      }
      return pieces
    }
    // Otherwise its first character with its marks (joiners after it are dropped, never
    // spilled). The terminal measures characters with the C library: where it disagrees with
    // the grid (or cannot show the character in this locale), a replacement of the grid's
    // width keeps every later cell in its column.
    var characters = groups.first ?? []
    var drawn = widths.first ?? -1
    if drawn < 1 || drawn > cells {
      characters = [unicode ? 0xFFFD : 0x3F]
      drawn = 1
    }
    var pieces = [Piece(characters, column: 0)]
    for column in drawn..<cells { pieces.append(Piece([0x20], column: column)) }
    return pieces
  }

  /// The cluster as a screen cell can hold it: each spacing character with the zero-width
  /// characters that follow it (at most `limit`), a trailing joiner left out.
  static func spacingGroups(_ text: String, limit: Int, width: (UInt32) -> Int) -> [[UInt32]] {
    var groups: [[UInt32]] = []
    for scalar in text.unicodeScalars {
      // Text is sanitized before it reaches a grid; this keeps a stray control character
      // from ever reaching the terminal all the same.
      let value = scalar.value
      let safe: UInt32 = value < 0x20 || (0x7F..<0xA0).contains(value) ? 0x3F : value
      if groups.isEmpty || width(safe) != 0 {
        groups.append([safe])
      } else if groups[groups.count - 1].count < limit {
        groups[groups.count - 1].append(safe)
      }
    }
    return groups.map { group in group.count > 1 && group.last == 0x200D ? group.dropLast() : group
    }
  }
}
