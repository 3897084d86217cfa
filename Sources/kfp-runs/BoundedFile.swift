import Foundation

/// Reads a file a command names, safely: only a regular file (a FIFO or device would never end),
/// and never more than a limit.
enum BoundedFile {
  /// Why a file was not read.
  enum Failure: Error {
    /// Not a regular file (a directory, FIFO, device…), or it does not exist.
    case notRegular
    /// It could not be opened or read.
    case unreadable
    /// It holds more than the limit; `size` is what was seen.
    case tooLarge(size: Int)
  }

  /// The bytes of the regular file `path`, at most `limit` of them.
  static func read(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    guard attributes?[.type] as? FileAttributeType == .typeRegular else {
      return .failure(.notRegular)
    }
    guard let handle = FileHandle(forReadingAtPath: path) else { return .failure(.unreadable) }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: limit + 1) else {
      return .success([])
    }
    if data.count > limit {
      let size = (attributes?[.size] as? Int).map { max($0, data.count) } ?? data.count
      return .failure(.tooLarge(size: size))
    }
    return .success([UInt8](data))
  }
}
