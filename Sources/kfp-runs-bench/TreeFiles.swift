#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failure writing generated data.
struct BenchFailure: Error, CustomStringConvertible {
  var description: String
}

/// Creates directories and files of generated trees, counting what it wrote.
struct TreeFiles {
  private(set) var fileCount = 0
  private(set) var byteCount = 0

  /// Creates `path` and any missing parents.
  func makeDirectory(_ path: String) throws {
    var prefix = ""
    for component in path.split(separator: "/", omittingEmptySubsequences: false) {
      prefix += prefix.isEmpty && path.hasPrefix("/") ? "/" : (prefix.isEmpty ? "" : "/")
      prefix += component
      if component.isEmpty { continue }
      if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
        throw BenchFailure(
          description: "cannot create \(prefix): \(String(cString: strerror(errno)))")
      }
    }
  }

  /// Writes `text` to the file `path` (replacing it).
  mutating func save(_ text: String, to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw BenchFailure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    var text = text
    let written = text.withUTF8 { bytes in write(descriptor, bytes.baseAddress, bytes.count) }
    guard written == text.utf8.count else {
      throw BenchFailure(description: "short write to \(path)")
    }
    fileCount += 1
    byteCount += written
  }
}
