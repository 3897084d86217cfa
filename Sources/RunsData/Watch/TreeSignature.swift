import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A stat-only fingerprint of a run folder: every entry's name, type, size, change time and
/// inode below it, hashed. Any write, rename, creation or deletion inside changes it, and no
/// file is opened, which is what makes scanning cheaper than reading.
enum TreeSignature {
  /// The fingerprint of the directory `name` under `parent`; `nil` when it is not a directory
  /// (or is gone).
  static func of(_ name: [CChar], in parent: Int32) -> Int? {
    guard let directory = OpenDirectory.open(name, in: parent) else { return nil }
    defer { directory.close() }
    var hasher = Hasher()
    var visited = Set<FileSystem.Identity>()
    add(directory, depth: 0, visited: &visited, into: &hasher)
    return hasher.finalize()
  }

  private static func add(
    _ directory: OpenDirectory, depth: Int, visited: inout Set<FileSystem.Identity>,
    into hasher: inout Hasher
  ) {
    if let identity = FileSystem.identity(of: directory.descriptor) {
      guard visited.insert(identity).inserted else { return }
    }
    guard case .success(let entries) = directory.entries() else {
      hasher.combine(-1)
      return
    }
    hasher.combine(entries.count)
    for entry in entries {
      hasher.combine(entry.name)
      // Followed like the reader follows links, so a retargeted link counts as a change.
      guard let info = FileSystem.status(entry.bytes, in: directory.descriptor, follow: true)
      else {
        hasher.combine(0)
        continue
      }
      hasher.combine(UInt64(info.st_ino))
      hasher.combine(Int64(info.st_size))
      hasher.combine(Int64(info.st_mtim.tv_sec))
      hasher.combine(Int64(info.st_mtim.tv_nsec))
      hasher.combine(Int64(info.st_ctim.tv_sec))
      hasher.combine(Int64(info.st_ctim.tv_nsec))
      if FileSystem.isDirectory(info.st_mode), depth < RunDirectoryReader.maximumDepth,
        let child = OpenDirectory.open(entry.bytes, in: directory.descriptor)
      {
        add(child, depth: depth + 1, visited: &visited, into: &hasher)
        child.close()
      }
    }
  }
}
