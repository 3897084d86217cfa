// libFuzzer target: `GRPCWebDecoder` on arbitrary bytes fed in arbitrary pieces, then the
// protobuf readers on every message it yields.
//
// Invariants: the frames (or the error) do not depend on how the body is split into reads;
// no frame is longer than the cap; a clean finish means every byte belongs to a frame;
// `GRPCWebReply.message` and the MLMD decoders end in a value or an error, never a crash.

@_cdecl("LLVMFuzzerTestOneInput")
public func grpcWebFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  var bytes = inputBytes(data, size)
  // The first byte picks the read size (1…256) and a small cap, so both paths are reached.
  let piece = bytes.isEmpty ? 1 : Int(bytes.removeFirst()) + 1
  let cap = piece % 2 == 0 ? 1 << 20 : piece * 4

  let whole = decode([bytes[...]], cap: cap)
  var pieces: [ArraySlice<UInt8>] = []
  var start = 0
  while start < bytes.count {
    pieces.append(bytes[start..<min(start + piece, bytes.count)])
    start += piece
  }
  let split = decode(pieces, cap: cap)
  require(whole == split, "frames depend on the reads: \(piece) bytes a read")

  if case .success(let frames) = whole {
    var framed = 0
    for frame in frames {
      if case .message(let message) = frame {
        require(message.count <= cap, "a frame of \(message.count) bytes passed the cap \(cap)")
        framed += 5 + message.count
        readAll(message)
      }
    }
    require(framed <= bytes.count, "frames hold more bytes than the body")
  }
  let headers = ["content-type": "application/grpc-web+proto"]
  if case .success(let message) = GRPCWebReply.message(
    status: 200, headers: headers, body: bytes, maxFrameLength: cap)
  {
    readAll(message)
  }
  return 0
}

private enum Outcome: Equatable {
  case success([GRPCWebFrame])
  case failure(String)
}

private func decode(_ pieces: [ArraySlice<UInt8>], cap: Int) -> Outcome {
  var decoder = GRPCWebDecoder(maxFrameLength: cap)
  var frames: [GRPCWebFrame] = []
  do {
    for piece in pieces { frames += try decoder.append(piece) }
    try decoder.finish()
    return .success(frames)
  } catch {
    return .failure(error.reason)
  }
}

/// Every MLMD decoder on `message`, and the extraction on what decodes.
private func readAll(_ message: [UInt8]) {
  _ = try? MLMD.decodeContext(message)
  _ = try? MLMD.decodeArtifactTypes(message)
  let executions = (try? MLMD.decodeExecutions(message).items) ?? []
  let artifacts = (try? MLMD.decodeArtifacts(message).items) ?? []
  let events = (try? MLMD.decodeEvents(message)) ?? []
  let result = V2RunMetrics(
    executions: executions, artifacts: artifacts, events: events, location: "fuzz",
    runID: "fuzz")
  for problem in result.problems {
    require(!hasTerminalControl(problem.message), "control character in a problem")
  }
}
