/// A file the application asks the main loop to write (the view exported with `>`).
public struct ExportJob: Sendable, Hashable {
  /// The path as typed: relative to the working directory, `~/` for the home directory.
  public var path: String
  /// The file's content.
  public var bytes: [UInt8]
  /// Replace a file already there (the person said yes); otherwise such a file is left alone.
  public var overwrite: Bool
  /// What is written, for the message: `12 runs`, `3 runs × 8 metrics`.
  public var summary: String

  /// Creates a job.
  public init(path: String, bytes: [UInt8], overwrite: Bool, summary: String) {
    self.path = path
    self.bytes = bytes
    self.overwrite = overwrite
    self.summary = summary
  }
}

/// How writing an `ExportJob` went; handed back through `AppState.exportFinished(_:)`.
public enum ExportOutcome: Sendable, Hashable {
  /// Written; `path` is where (absolute).
  case written(path: String)
  /// A file is already there and the job did not say to overwrite it.
  case exists(path: String)
  /// Not written, with the reason in a few words (`permission denied`).
  case failed(path: String, reason: String)
}
