import Foundation
import RunsUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes the files `>` exports. A file already there is only replaced when the job says so:
/// without it the file is created exclusively, so nothing is overwritten even if a file
/// appears between the question and the answer.
enum ExportWriter {
  /// Writes `job`'s bytes to its path; says what happened.
  static func write(_ job: ExportJob) -> ExportOutcome {
    let path = absolute(job.path)
    let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (job.overwrite ? O_TRUNC : O_EXCL)
    let descriptor = open(path, flags, 0o644)
    if descriptor < 0 {
      if errno == EEXIST { return .exists(path: path) }
      return .failed(path: path, reason: String(cString: strerror(errno)))
    }
    var failure: Int32?
    switch StandardStream.write(job.bytes, to: descriptor) {
    case .success: break
    case .failure(.brokenPipe): failure = EPIPE
    case .failure(.failed(let code)): failure = code
    }
    if close(descriptor) != 0, failure == nil { failure = errno }
    if let failure { return .failed(path: path, reason: String(cString: strerror(failure))) }
    return .written(path: path)
  }

  /// The typed path made absolute: `~/` is the home directory, a relative path is taken from
  /// the working directory.
  static func absolute(_ typed: String) -> String {
    var path = typed
    if path == "~" || path.hasPrefix("~/") {
      path = NSHomeDirectory() + path.dropFirst()
    }
    if !path.hasPrefix("/") {
      path = FileManager.default.currentDirectoryPath + "/" + path
    }
    return URL(fileURLWithPath: path).standardizedFileURL.path
  }
}
