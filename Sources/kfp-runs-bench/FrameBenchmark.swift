import RunsCore

/// One frame of the runs table at 160×40 with a small and a large run set.
enum FrameBenchmark {
  /// `nil` until the application state and screens are part of the build.
  static func measure(small: [Run], large: [Run], rounds: Int) -> BenchReport.FrameFigures? {
    nil
  }
}
