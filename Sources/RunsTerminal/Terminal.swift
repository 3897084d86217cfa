import CNcursesw
import RunsUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The ncurses backend: starts curses, presents grids (only the cells that changed) and reads
/// keys. Only the thread that started it may use it.
public final class Terminal {
  /// Width of the screen in cells.
  public private(set) var width: Int
  /// Height of the screen in cells.
  public private(set) var height: Int
  /// Whether colours are drawn (the terminal has them and `NO_COLOR` is not set).
  public let colors: Bool
  /// Whether the locale is UTF-8, so glyphs beyond ASCII can be drawn.
  public let unicode: Bool

  private let screen: OpaquePointer
  private var palette: Palette
  private var previous: Grid?
  private var stopped = false
  /// Reads that failed at once (see `inputLost`).
  var lostInput = LostInput()

  private init(screen: OpaquePointer, colors: Bool, unicode: Bool, palette: Palette) {
    self.screen = screen
    self.colors = colors
    self.unicode = unicode
    self.palette = palette
    var rows: Int32 = 0
    var columns: Int32 = 0
    kfp_getmaxyx(kfp_stdscr(), &rows, &columns)
    width = Int(columns)
    height = Int(rows)
  }

  deinit { stop() }

  /// Starts curses on the controlling terminal, or says in one sentence why it cannot.
  public static func start() throws(TerminalError) -> Terminal {
    setlocale(LC_ALL, "")
    let unicode = TerminalAbilities.unicode(codeset: String(cString: kfp_codeset()))
    let termName = environment("TERM") ?? ""
    if termName.isEmpty { throw .termNotSet }
    // Draw on the terminal even when stdin or stdout is redirected, as less and htop do.
    guard let input = openTerminal(descriptor: STDIN_FILENO, mode: "r"),
      let output = openTerminal(descriptor: STDOUT_FILENO, mode: "w")
    else { throw .noTerminal }
    // The size comes from the terminal itself (its ioctl) before LINES and COLUMNS, which are
    // often stale (exported by a shell for another window) and garble the screen.
    use_tioctl(true)
    // newterm, unlike initscr, returns nil instead of ending the process on failure.
    guard let screen = newterm(nil, output, input) else { throw .unknownType(termName) }
    set_term(screen)
    guard kfp_has_string_capability("cup") != 0 else {
      endwin()
      delscreen(screen)
      throw .cannotMoveCursor(termName)
    }
    TerminalRestore.activate()
    TerminalRestore.unblockOnThisThread()
    configureInput()
    let colors = TerminalAbilities.colors(
      terminalHasColors: has_colors(), noColor: environment("NO_COLOR"))
    var defaults = false
    if colors {
      start_color()
      defaults = use_default_colors() == kfp_OK()
    }
    let terminal = Terminal(
      screen: screen, colors: colors, unicode: unicode,
      palette: Palette(enabled: colors, defaultColors: defaults))
    return terminal
  }

  /// Gives the terminal back; later calls do nothing.
  public func stop() {
    guard !stopped else { return }
    stopped = true
    TerminalRestore.restore()
    delscreen(screen)
  }

  /// Copies `grid` to the screen, writing only the cells that differ from the last grid.
  public func present(_ grid: Grid) {
    guard !stopped else { return }
    // A new size (or the first frame) repaints the whole terminal: after a resize the terminal
    // may show text curses does not know about (tmux brings back what a shrink hid).
    let old = previous.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
    if old == nil { clear() }
    for change in grid.changes(since: old) {
      draw(change.cell, x: Int32(change.x), y: Int32(change.y), cells: Int32(change.width))
    }
    refresh()
    previous = grid
  }

  /// Gives the terminal back and stops the process as a shell's Ctrl-Z would (`fg` resumes it);
  /// returns once the process continues, with curses back on.
  public func suspend() {
    guard !stopped else { return }
    TerminalRestore.restore()
    TerminalRestore.stopProcess()
    // Continued: curses resumes on the next refresh; the terminal may have changed meanwhile.
    TerminalRestore.activate()
    configureAfterResume()
  }

  private func configureAfterResume() {
    Self.configureInput()
    updateSize()
    clear()
    refresh()
  }

  /// Forgets what is on screen, so the next `present` redraws every cell.
  public func invalidate() {
    previous = nil
    clearok(kfp_stdscr(), true)
  }

  func updateSize() {
    var rows: Int32 = 0
    var columns: Int32 = 0
    kfp_getmaxyx(kfp_stdscr(), &rows, &columns)
    width = Int(columns)
    height = Int(rows)
    previous = nil
  }

  /// Draws `cell`, which the grid gives `cells` cells (its continuation cells follow it).
  private func draw(_ cell: Cell, x: Int32, y: Int32, cells: Int32) {
    let (attributes, pair) = palette.attributes(for: cell.style)
    // A curses cell holds CCHARW_MAX characters, the terminating zero among them.
    let pieces = TerminalCellText.pieces(
      of: cell.text, cells: Int(cells), limit: Int(kfp_CCHARW_MAX()) - 1, unicode: unicode
    ) { Int(kfp_wcwidth(wchar_t(bitPattern: $0))) }
    for piece in pieces {
      var character = cchar_t()
      setcchar(
        &character, piece.characters.map { wchar_t(bitPattern: $0) } + [0], attributes, pair, nil)
      mvadd_wch(y, x + Int32(piece.column), &character)
    }
  }

  private static func configureInput() {
    // raw (not cbreak) so Ctrl-C and Ctrl-Z arrive as keys the application handles.
    raw()
    noecho()
    keypad(kfp_stdscr(), true)
    set_escdelay(25)
    mouseinterval(0)
    let buttons =
      kfp_BUTTON1_PRESSED() | kfp_BUTTON1_CLICKED() | kfp_BUTTON4_PRESSED()
      | kfp_BUTTON5_PRESSED()
    mousemask(buttons, nil)
    curs_set(0)
    leaveok(kfp_stdscr(), true)
  }

  private static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  private static func openTerminal(descriptor: Int32, mode: String) -> UnsafeMutablePointer<FILE>? {
    if isatty(descriptor) != 0 {
      let copy = dup(descriptor)
      if copy >= 0, let file = fdopen(copy, mode) { return file }
    }
    return fopen("/dev/tty", mode)
  }
}
