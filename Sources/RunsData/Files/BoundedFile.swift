#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way kfp-runs reads a file: only a regular file, never more than a limit, and never
/// blocking. A FIFO, device or socket named where a file is expected would otherwise hang the
/// read (opening a FIFO waits for a writer), and a file swapped in after a `stat` could too, so
/// the file is opened with `O_NONBLOCK` and its type checked with `fstat` on that same descriptor.
public enum BoundedFile {
  /// A file's contents, or why it could not be used.
  public enum Outcome: Sendable {
    /// The whole file and its modification time (seconds since 1970).
    case contents([UInt8], modified: Double)
    /// Not a regular file; the text says what it is, e.g. `a FIFO`.
    case notRegular(String)
    /// Larger than the limit; `size` is what was seen.
    case tooLarge(size: Int)
    /// It could not be opened or read, e.g. `cannot be opened: Permission denied`.
    case failed(String)

    /// The contents, when the file was read.
    public var bytes: [UInt8]? {
      if case .contents(let bytes, _) = self { return bytes }
      return nil
    }

    /// Why the file was not read, as a phrase about it ("is a FIFO, not a regular file"); `nil`
    /// when it was read. `limit` is named in the too-large case.
    public func reason(limit: Int) -> String? {
      switch self {
      case .contents: nil
      case .notRegular(let kind): "is \(kind), not a regular file"
      case .tooLarge(let size): "is \(size) bytes, larger than the \(Self.sizeText(limit)) limit"
      case .failed(let text): text
      }
    }

    private static func sizeText(_ limit: Int) -> String {
      limit >= 1 << 20 && limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit)-byte"
    }
  }

  /// Reads the regular file at `path` (relative to the working directory), at most `limit` bytes.
  public static func read(_ path: String, limit: Int) -> Outcome {
    read(Array(path.utf8CString), in: AT_FDCWD, limit: limit)
  }

  /// Reads the regular file `name` under the open directory `parent`, at most `limit` bytes.
  static func read(_ name: [CChar], in parent: Int32, limit: Int) -> Outcome {
    let descriptor = openat(parent, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
    guard descriptor >= 0 else { return .failed("cannot be opened: \(FileSystem.errorText())") }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      return .failed("cannot be read: \(FileSystem.errorText())")
    }
    guard FileSystem.isRegular(info.st_mode) else {
      return .notRegular(FileSystem.describe(mode: info.st_mode))
    }
    let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    let size = Int(info.st_size)
    guard size <= limit else { return .tooLarge(size: size) }
    // Read one byte past the size `fstat` gave, to notice a file that grew meanwhile.
    var bytes = [UInt8](repeating: 0, count: size + 1)
    var count = 0
    while true {
      if count == bytes.count {
        guard bytes.count <= limit else { return .tooLarge(size: bytes.count) }
        bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count)))
      }
      let got = bytes.withUnsafeMutableBytes { buffer in
        systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
      }
      if got < 0 {
        if errno == EINTR { continue }
        return .failed("cannot be read: \(FileSystem.errorText())")
      }
      if got == 0 { break }
      count += got
      // All `fstat` promised, and the byte past it was asked for but not given: the end, without
      // a second call just to be told so. A shorter read (a network file system) reads on.
      if count == size { break }
    }
    guard count <= limit else { return .tooLarge(size: count) }
    bytes.removeLast(bytes.count - count)
    return .contents(bytes, modified: modified)
  }
}

/// The C library's `read`, which `BoundedFile.read` hides.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int
{
  read(descriptor, buffer, count)
}
