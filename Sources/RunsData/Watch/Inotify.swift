import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Linux file notifications: one inotify instance, its watches, and its events read raw.
final class Inotify {
  /// One event: the watch it came from, what happened, and the entry's name in that directory
  /// (empty when the event is about the directory itself).
  struct Event {
    var watch: Int32
    var mask: UInt32
    var name: [CChar]
  }

  /// Why a watch could not be added.
  enum AddFailure: Error {
    /// The per-user watch limit is reached.
    case limitReached
    /// Anything else (the directory vanished, permissions): nothing to watch there.
    case other(Int32)
  }

  /// What every directory is watched for: files written, created, renamed in, deleted, and the
  /// directory itself going away.
  static let mask: UInt32 =
    UInt32(IN_CREATE) | UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO)
    | UInt32(IN_MOVED_FROM) | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_ONLYDIR)

  let descriptor: Int32
  private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

  /// A new instance, `nil` (with `errno`) when the system gives none.
  init?() {
    #if os(Linux)
      let descriptor = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
      guard descriptor >= 0 else { return nil }
      self.descriptor = descriptor
    #else
      return nil
    #endif
  }

  deinit { close(descriptor) }

  /// Watches the directory at `path`; the same directory twice gives the same watch.
  func add(_ path: [CChar]) -> Result<Int32, AddFailure> {
    let watch = inotify_add_watch(descriptor, path, Self.mask)
    if watch >= 0 { return .success(watch) }
    return .failure(errno == ENOSPC ? .limitReached : .other(errno))
  }

  /// Waits up to `milliseconds` for events to be readable; `true` when some are.
  func wait(milliseconds: Int32) -> Bool {
    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    let ready = poll(&entry, 1, milliseconds)
    return ready > 0 && entry.revents & Int16(POLLIN) != 0
  }

  /// Every event queued now (none when nothing is).
  func read() -> [Event] {
    var events: [Event] = []
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { return events }
      var offset = 0
      buffer.withUnsafeBytes { bytes in
        while offset + 16 <= count {
          let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
          let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
          let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
          let start = offset + 16
          var name = (start..<min(start + length, count)).map { CChar(bitPattern: bytes[$0]) }
          if let end = name.firstIndex(of: 0) { name.removeSubrange(end...) }
          events.append(Event(watch: watch, mask: mask, name: name))
          offset = start + length
        }
      }
    }
  }

  /// The per-user watch limit, for messages; `nil` when it cannot be read.
  static var watchLimit: Int? {
    guard
      let text = try? String(
        contentsOfFile: "/proc/sys/fs/inotify/max_user_watches", encoding: .utf8)
    else { return nil }
    return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
