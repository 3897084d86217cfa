import Foundation
import RunsCore

/// Starts the interactive application; the one place the command line hands over to it.
enum Interactive {
  /// Runs the application on the source the options name; returns its exit status.
  static func run(_ options: SourceOptions) async throws -> Int32 {
    // The interactive application is not wired yet: print the list until it is.
    let loaded = try await RunLoader.load(options)
    try ListPrinter.print(loaded, options: options)
    return 0
  }
}
