import Foundation

/// Writes to the process's standard error.
enum StandardError {
  /// Writes `text` as is (add the newline yourself).
  static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}

/// Writes to the process's standard output.
enum StandardOutput {
  /// Writes `text` as is.
  static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Writes `bytes` as is.
  static func write(_ bytes: [UInt8]) {
    FileHandle.standardOutput.write(Data(bytes))
  }
}
