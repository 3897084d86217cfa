import RunsCore

/// KFP v1's metrics archive, `mlpipeline-metrics.tgz`: what Argo stores in the artifact bucket
/// for a step's `mlpipeline-metrics` output, a gzip'd tar holding one `mlpipeline-metrics.json`.
enum MetricsArchive {
  static let fileName = "mlpipeline-metrics.tgz"

  /// Room for the tar headers around a metrics file of the largest size read.
  private static let tarOverhead = 64 * 1024

  /// The metrics file inside `compressed`, or what is wrong with the archive, worded to follow
  /// the archive's path (`x.tgz: error: is truncated: …`).
  static func metricsFile(from compressed: [UInt8]) -> Result<[UInt8], MessageError> {
    let limit = MetricsFileDecoder.maximumFileSize
    let tar: [UInt8]
    switch Gunzip.decompress(compressed, limit: limit + tarOverhead) {
    case .success(let bytes): tar = bytes
    case .failure(let failure): return .failure(MessageError(failure.text))
    }
    let members: [TarReader.Member]
    switch TarReader.members(tar) {
    case .success(let listed): members = listed
    case .failure(let failure): return .failure(MessageError(failure.text))
    }
    guard members.count == 1, let member = members.first else {
      let names = members.prefix(3).map { JSONText.quoted($0.name, limit: 80) }
      let listed = names.joined(separator: ", ") + (members.count > 3 ? ", …" : "")
      return .failure(
        MessageError(
          members.isEmpty
            ? "holds no file; expected one \(RunDirectoryReader.metricsFileName)"
            : "holds \(members.count) members (\(listed)), not one \(RunDirectoryReader.metricsFileName); not read"
        ))
    }
    let quotedName = JSONText.quoted(member.name, limit: 80)
    let components = member.name.split(separator: "/", omittingEmptySubsequences: true)
    if member.name.hasPrefix("/") || components.contains("..") {
      return .failure(
        MessageError("holds \(quotedName), a path outside the archive; not read"))
    }
    switch member.kind {
    case .file: break
    case .symbolicLink(let target), .hardLink(let target):
      return .failure(
        MessageError(
          "holds \(quotedName), a link to \(JSONText.quoted(target, limit: 80)), not a file; not read"
        ))
    case .directory:
      return .failure(MessageError("holds the directory \(quotedName), not a file; not read"))
    case .other(let flag):
      return .failure(
        MessageError("holds \(quotedName) of tar type \(UnicodeScalar(flag)), not a file; not read")
      )
    }
    guard components.last.map(String.init) == RunDirectoryReader.metricsFileName else {
      return .failure(
        MessageError("holds \(quotedName), not \(RunDirectoryReader.metricsFileName); not read"))
    }
    guard member.bytes.count <= limit else {
      return .failure(
        MessageError("holds a metrics file larger than the \(limit >> 20) MiB limit; not read"))
    }
    return .success(Array(member.bytes))
  }
}

/// A failure carrying the sentence that describes it.
struct MessageError: Error, Equatable {
  var message: String

  init(_ message: String) {
    self.message = message
  }
}
