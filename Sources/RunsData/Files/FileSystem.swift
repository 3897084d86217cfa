#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thin POSIX wrappers for the directory walk: `opendir`/`readdir` with `d_type`, `stat`, and
/// the texts that describe what a file is.
enum FileSystem {
  /// A directory's identity: a real directory is read at most once, however many links lead to it.
  struct Identity: Hashable {
    var device: UInt64
    var inode: UInt64
  }

  /// What `d_type` (or, when the file system does not fill it in, `lstat`) says an entry is.
  enum Kind {
    case regular, directory, symlink, other, unknown
  }

  /// One directory entry; `bytes` is the exact name for `openat`, `name` the text to show.
  struct Entry {
    var bytes: [CChar]
    var name: String
    var kind: Kind
  }

  /// The last `errno` as a sentence fragment, e.g. `Permission denied`; a symlink loop says so.
  static func errorText(_ code: Int32 = errno) -> String {
    let text = String(cString: strerror(code))
    return code == ELOOP ? text + " (a symlink loop)" : text
  }

  static func identity(of descriptor: Int32) -> Identity? {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return nil }
    return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
  }

  /// The identities of the open directory and of every directory above it, up to `/`. Uses
  /// `stat` on `..`, `../..`, … (search permission is enough, unlike opening them).
  static func ancestry(of descriptor: Int32) -> Set<Identity> {
    guard var current = identity(of: descriptor) else { return [] }
    var identities: Set<Identity> = [current]
    var path = ".."
    // `PATH_MAX` bounds how many `../` a path can hold; `/` is its own parent, which ends it.
    while path.utf8.count < Int(PATH_MAX) {
      var info = stat()
      guard fstatat(descriptor, path, &info, 0) == 0 else { break }
      let parent = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
      guard parent != current else { break }
      identities.insert(parent)
      current = parent
      path += "/.."
    }
    return identities
  }

  /// What the symlink `name` under `parent` holds, e.g. `..`; `nil` when it is not a link.
  static func linkText(_ name: [CChar], in parent: Int32) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlinkat(parent, name, &buffer, buffer.count - 1)
    guard count >= 0 else { return nil }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// `stat` of `name` under `parent`, following symlinks when `follow` is set.
  static func status(_ name: [CChar], in parent: Int32, follow: Bool) -> stat? {
    var info = stat()
    guard fstatat(parent, name, &info, follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
    return info
  }

  /// What a file mode is, for messages: "a FIFO", "a socket", …
  static func describe(mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFIFO: "a FIFO"
    case S_IFSOCK: "a socket"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFDIR: "a directory"
    case S_IFLNK: "a symbolic link"
    default: "not a regular file"
    }
  }

  static func isRegular(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFREG }
  static func isDirectory(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFDIR }
}

/// An `errno` value carried in a `Result`.
struct Errno: Error {
  var code: Int32
  init(_ code: Int32) { self.code = code }
  var text: String { FileSystem.errorText(code) }
}

/// An open directory: the descriptor that entries below it are opened and examined through,
/// and the `readdir` stream over that same descriptor (no duplicate, no rewind: three system
/// calls fewer per directory, of which a large tree has tens of thousands).
struct OpenDirectory {
  /// For `openat` and `fstatat` below the directory; valid until ``close()``.
  let descriptor: Int32
  private let stream: OpaquePointer

  /// Opens the directory `name` under `parent` (or the path `name` when `parent` is
  /// `AT_FDCWD`); `nil` with `errno` set when it cannot be opened.
  static func open(_ name: [CChar], in parent: Int32) -> OpenDirectory? {
    let descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { return nil }
    guard let stream = fdopendir(descriptor) else {
      let code = errno
      _ = closeDescriptor(descriptor)
      errno = code
      return nil
    }
    return OpenDirectory(descriptor: descriptor, stream: stream)
  }

  /// Closes the stream and the descriptor.
  func close() {
    closedir(stream)
  }

  /// The entries, sorted by name bytes, without `.` and `..`. Reads the stream once: call it
  /// once per opening.
  func entries() -> Result<[FileSystem.Entry], Errno> {
    var entries: [FileSystem.Entry] = []
    while true {
      errno = 0
      guard let record = readdir(stream) else {
        if errno != 0 { return .failure(Errno(errno)) }
        break
      }
      let bytes = withUnsafePointer(to: &record.pointee.d_name) { tuple in
        tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee))
        {
          Array(UnsafeBufferPointer(start: $0, count: strlen($0) + 1))
        }
      }
      if bytes == Self.dot || bytes == Self.dotDot { continue }
      let kind: FileSystem.Kind
      switch Int32(record.pointee.d_type) {
      case Int32(DT_REG): kind = .regular
      case Int32(DT_DIR): kind = .directory
      case Int32(DT_LNK): kind = .symlink
      case Int32(DT_UNKNOWN): kind = .unknown
      default: kind = .other
      }
      let name = String(decoding: bytes.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
      entries.append(FileSystem.Entry(bytes: bytes, name: name, kind: kind))
    }
    entries.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    return .success(entries)
  }

  private static let dot: [CChar] = [46, 0]
  private static let dotDot: [CChar] = [46, 46, 0]
}

/// The C library's `close`, for where a `close()` method hides it.
private func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }
