import Foundation

/// What the application loop needs from a terminal: its size and abilities, a way to show a
/// grid, the next input event, suspending, and its clipboard. The ncurses terminal is one; tests drive the
/// loop through another.
public protocol TerminalBackend: AnyObject {
  /// The screen size in cells.
  var width: Int { get }
  /// The screen size in cells.
  var height: Int { get }
  /// Whether colours can be drawn.
  var colors: Bool { get }
  /// Whether glyphs beyond ASCII can be drawn.
  var unicode: Bool { get }
  /// Whether input is gone for good (the terminal hung up).
  var inputLost: Bool { get }

  /// Shows `grid`, writing only what changed since the last grid.
  func present(_ grid: Grid)
  /// Waits up to `timeoutMilliseconds` for one input event (a key, mouse event or resize);
  /// nil when none came.
  func nextKey(timeoutMilliseconds: Int) -> Key?
  /// Gives the terminal back and stops the process as Ctrl-Z in a shell does; returns once it
  /// continues, with the screen taken again (the size may have changed meanwhile).
  func suspend()
  /// Puts `text` on the terminal's clipboard, where the terminal allows it.
  func copyToClipboard(_ text: String)
}
