import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A scratch directory for one test, removed when the test ends.
final class TemporaryTree: Sendable {
  let root: String

  init() throws {
    var template = Array((NSTemporaryDirectory() + "/kfp-runs-test-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
    root = String(cString: made)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: root)
  }

  func path(_ relative: String) -> String {
    relative.isEmpty ? root : root + "/" + relative
  }

  /// Writes `text` at `relative`, creating the directories above it. Plain POSIX calls: the
  /// large-tree tests write thousands of files.
  func write(_ relative: String, _ text: String) throws {
    let components = relative.split(separator: "/")
    var directory = root
    for component in components.dropLast() {
      directory += "/" + component
      guard mkdir(directory, 0o755) == 0 || errno == EEXIST else { throw POSIXError(.EIO) }
    }
    let descriptor = open(path(relative), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw POSIXError(.EIO) }
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    guard writeAll(descriptor, bytes) == bytes.count else { throw POSIXError(.EIO) }
  }

  func makeDirectory(_ relative: String) throws {
    try FileManager.default.createDirectory(
      atPath: path(relative), withIntermediateDirectories: true)
  }

  func symlink(_ relative: String, to destination: String) throws {
    try FileManager.default.createSymbolicLink(
      atPath: path(relative), withDestinationPath: destination)
  }

  func setModificationTime(_ relative: String, _ seconds: Int) {
    var times = [
      timeval(tv_sec: seconds, tv_usec: 0), timeval(tv_sec: seconds, tv_usec: 0),
    ]
    _ = utimes(path(relative), &times)
  }
}

/// POSIX `write` (inside `TemporaryTree` its own `write` method would shadow it).
private func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int {
  bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
}

/// A metrics file body with the given entries.
func metricsJSON(_ entries: [(name: String, value: Double, format: String?)]) -> String {
  let items = entries.map { entry in
    let format = entry.format.map { #", "format": "\#($0)""# } ?? ""
    return #"{"name": "\#(entry.name)", "numberValue": \#(entry.value)\#(format)}"#
  }
  return #"{"metrics": [\#(items.joined(separator: ", "))]}"#
}
