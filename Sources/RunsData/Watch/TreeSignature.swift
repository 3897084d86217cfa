import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A stat-only fingerprint of a run folder: the inode, size, change and modification times of
/// the folder and of every entry below it, each by its path. No file is opened, and checking
/// that nothing changed takes one `stat` per entry and no directory listing: a directory's
/// times change when an entry is created, removed or renamed in it, a file's when it is
/// written. That is what makes a scan cheaper than a load, which opens every directory and
/// reads every file.
struct TreeSignature: Sendable, Equatable {
  /// One entry: its path (from the folder's parent) and what `stat` said of it.
  struct Item: Sendable, Equatable {
    var path: [CChar]
    var inode: UInt64
    var size: Int64
    var modified: timespec
    var changed: timespec

    static func == (a: Item, b: Item) -> Bool {
      a.path == b.path && a.inode == b.inode && a.size == b.size
        && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
        && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }
  }

  private(set) var items: [Item] = []

  /// The fingerprint of the directory `name` under `parent`; `nil` when it is not a directory
  /// (or is gone).
  static func of(_ name: [CChar], in parent: Int32) -> TreeSignature? {
    guard let item = item(name, in: parent), let directory = OpenDirectory.open(name, in: parent)
    else { return nil }
    defer { directory.close() }
    var signature = TreeSignature(items: [item])
    var visited = Set<FileSystem.Identity>()
    signature.add(directory, path: name, parent: parent, depth: 0, visited: &visited)
    return signature
  }

  /// Whether every entry is as it was: one `stat` each, stopping at the first difference.
  func isCurrent(in parent: Int32) -> Bool {
    items.allSatisfy { Self.item($0.path, in: parent) == $0 }
  }

  private mutating func add(
    _ directory: OpenDirectory, path: [CChar], parent: Int32, depth: Int,
    visited: inout Set<FileSystem.Identity>
  ) {
    if let identity = FileSystem.identity(of: directory.descriptor) {
      guard visited.insert(identity).inserted else { return }
    }
    guard case .success(let entries) = directory.entries() else { return }
    for entry in entries {
      let childPath = Array(path.dropLast()) + [47] + entry.bytes
      // Followed like the reader follows links, so a retargeted link counts as a change.
      guard let item = Self.item(childPath, in: parent) else { continue }
      items.append(item)
      var info = stat()
      if fstatat(directory.descriptor, entry.bytes, &info, 0) == 0,
        FileSystem.isDirectory(info.st_mode), depth < RunDirectoryReader.maximumDepth,
        let child = OpenDirectory.open(entry.bytes, in: directory.descriptor)
      {
        add(child, path: childPath, parent: parent, depth: depth + 1, visited: &visited)
        child.close()
      }
    }
  }

  /// What `stat` says of `path` under `parent` (links followed); `nil` when it cannot.
  private static func item(_ path: [CChar], in parent: Int32) -> Item? {
    guard let info = FileSystem.status(path, in: parent, follow: true) else { return nil }
    return Item(
      path: path, inode: UInt64(info.st_ino), size: Int64(info.st_size), modified: info.st_mtim,
      changed: info.st_ctim)
  }
}
