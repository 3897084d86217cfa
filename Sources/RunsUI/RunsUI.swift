/// Application state and screens rendered into a cell grid, free of terminal I/O.
public enum RunsUI {}
