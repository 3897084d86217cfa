import CNcursesw
import RunsUI

/// The ncurses backend that presents rendered grids and reads input.
public enum RunsTerminal {}
