// libFuzzer target: KFP v1's `.tgz` metrics archives, `Gunzip.decompress` and
// `TarReader.members`, on arbitrary bytes. The first byte picks the path: even bytes feed the
// rest to the tar reader directly (the fuzzer rarely writes valid gzip, so the tar reader gets
// its own coverage), odd ones decompress it first and read the tar inside.
//
// Invariants: both return (no crash, no hang); the output never passes the limit, whatever
// the stream claims; every member's bytes lie inside the archive; a failure names itself in a
// message without terminal control characters.

/// Small, so that inputs reach it: what a bomb would cost is bounded by it.
private let limit = 1 << 20

@_cdecl("LLVMFuzzerTestOneInput")
public func archiveFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = inputBytes(data, size)
  guard let first = input.first else { return 0 }
  var tar = Array(input.dropFirst())
  if first & 1 == 1 {
    switch Gunzip.decompress(tar, limit: limit) {
    case .success(let bytes):
      require(bytes.count <= limit, "decompressed \(bytes.count) bytes past the limit")
      tar = bytes
    case .failure(let failure):
      require(!failure.text.isEmpty, "empty gzip failure")
      require(!hasTerminalControl(failure.text), "control character in \(failure.text)")
      return 0
    }
  }
  switch TarReader.members(tar) {
  case .success(let members):
    var end = 0
    for member in members {
      require(member.bytes.startIndex >= 0, "member bytes before the archive")
      require(member.bytes.endIndex <= tar.count, "member bytes past the archive")
      if case .file = member.kind {
        require(member.bytes.startIndex >= end, "members overlap")
        end = member.bytes.endIndex
      } else {
        require(member.bytes.isEmpty, "a \(member.kind) member with bytes")
      }
    }
  case .failure(let failure):
    require(!failure.text.isEmpty, "empty tar failure")
    require(!hasTerminalControl(failure.text), "control character in \(failure.text)")
  }
  return 0
}
