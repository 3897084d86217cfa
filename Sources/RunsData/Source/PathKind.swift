#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a path a command is given names, symlinks followed, with words for messages.
public enum PathKind: Sendable, Hashable {
  case directory
  case regularFile
  /// A FIFO, socket or device; `description` names it, e.g. "a FIFO".
  case special(description: String)
  /// It cannot be reached; `reason` says why, e.g. "No such file or directory" or
  /// "Too many levels of symbolic links (a symlink loop)".
  case unreachable(reason: String)

  /// Looks `path` up with `stat`.
  public static func of(_ path: String) -> PathKind {
    var info = stat()
    guard stat(path, &info) == 0 else { return .unreachable(reason: FileSystem.errorText()) }
    if FileSystem.isDirectory(info.st_mode) { return .directory }
    if FileSystem.isRegular(info.st_mode) { return .regularFile }
    return .special(description: FileSystem.describe(mode: info.st_mode))
  }
}
