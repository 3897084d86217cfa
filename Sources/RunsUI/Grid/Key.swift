/// A mouse event in grid coordinates (0-based column and row).
public struct MouseEvent: Sendable, Hashable {
  /// What happened.
  public enum Kind: Sendable, Hashable {
    case leftClick
    case wheelUp
    case wheelDown
  }

  /// What happened.
  public var kind: Kind
  /// The column.
  public var x: Int
  /// The row.
  public var y: Int

  /// Creates a mouse event.
  public init(kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}

/// One input event as the application sees it, independent of the terminal library.
public enum Key: Sendable, Hashable {
  /// A printable character (including space).
  case character(Character)
  /// Ctrl plus a letter, e.g. `.control("c")`.
  case control(Character)
  case up
  case down
  case left
  case right
  case pageUp
  case pageDown
  case home
  case end
  case enter
  case escape
  case backspace
  case tab
  case backTab
  case delete
  /// A function key F1…F12.
  case function(Int)
  case mouse(MouseEvent)
  /// The terminal now has this size.
  case resize(width: Int, height: Int)
}
