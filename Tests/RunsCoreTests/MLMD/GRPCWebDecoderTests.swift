import Testing

@testable import RunsCore

@Suite struct GRPCWebDecoderTests {
  typealias Recorded = MLMDRecordedBytes
  let message = Recorded.bytes(Recorded.events)

  private func reply(
    status: Int = 200, headers: [String: String] = Recorded.grpcHeaders, _ body: [UInt8]
  ) -> Result<[UInt8], GRPCWebReply.Failure> {
    GRPCWebReply.message(status: status, headers: headers, body: body)
  }

  @Test func textTrailerStatusZeroGivesTheMessage() throws {
    #expect(try reply(Recorded.okBody(message)).get() == message)
  }

  @Test func trailersOnlyErrorComesFromTheHeaders() {
    // Envoy's answer to an upstream error: HTTP 200, status in the headers, empty body.
    let headers = [
      "content-type": "application/grpc-web+proto", "grpc-status": "7",
      "grpc-message": "RBAC%3A access denied",
    ]
    let result = reply(headers: headers, [])
    #expect(result == .failure(.status(GRPCStatus(code: 7, message: "RBAC: access denied"))))
    if case .failure(.status(let status)) = result {
      #expect(status.name == "PERMISSION_DENIED")
      #expect(!status.isTransient)
    }
    // UNAVAILABLE in the trailer frame is transient.
    let body = Recorded.frame(
      0x80, Array("grpc-status:14\r\ngrpc-message:upstream connect error\r\n".utf8))
    #expect(
      reply(body) == .failure(.status(GRPCStatus(code: 14, message: "upstream connect error"))))
    #expect(GRPCStatus(code: 14).isTransient)
  }

  @Test func emptyMessageIsAMissingContextNotAnError() throws {
    // MLMD answers GetContextByTypeAndName for an unknown name with an empty message.
    let body = Recorded.okBody([])
    let bytes = try reply(body).get()
    #expect(try MLMD.decodeContext(bytes) == nil)
    // Trailers-only OK with no body: also the empty message.
    #expect(
      try reply(headers: Recorded.grpcHeaders.merging(["grpc-status": "0"]) { $1 }, []).get() == [])
  }

  @Test func chunkedBodyArrivesInPiecesOfEverySize() throws {
    // A chunked body reaches the decoder in arbitrary pieces: every split gives the same frames.
    let body = Recorded.okBody(message)
    for size in 1...body.count {
      var decoder = GRPCWebDecoder()
      var frames: [GRPCWebFrame] = []
      var start = 0
      while start < body.count {
        frames += try decoder.append(body[start..<min(start + size, body.count)])
        start += size
      }
      try decoder.finish()
      #expect(
        frames == [
          .message(message), .trailers(["grpc-status": "0", "grpc-message": ""]),
        ], "pieces of \(size)")
    }
  }

  @Test func twoFramesInOneRead() throws {
    var decoder = GRPCWebDecoder()
    let frames = try decoder.append(Recorded.frame(0, [1, 2]) + Recorded.frame(0, [3]))
    #expect(frames == [.message([1, 2]), .message([3])])
    // Two messages for a unary call are refused.
    let body = Recorded.frame(0, [8, 1]) + Recorded.okBody([8, 2])
    #expect(reply(body) == .failure(.badAnswer("the answer holds 2 messages, not one")))
  }

  @Test func frameSplitAcrossReadsWaits() throws {
    var decoder = GRPCWebDecoder()
    let body = Recorded.frame(0, message)
    #expect(try decoder.append(body.prefix(3)) == [])
    #expect(try decoder.append(body[3..<10]) == [])
    #expect(throws: GRPCWebFramingError.self) { try decoder.finish() }
    #expect(try decoder.append(body[10...]) == [.message(message)])
    try decoder.finish()
    #expect(!decoder.hasTrailers)
  }

  @Test func headerPromisingMoreThanTheCapIsRefusedAtOnce() {
    var decoder = GRPCWebDecoder(maxFrameLength: 1024)
    #expect(
      throws: GRPCWebFramingError(
        reason: "a frame promises 2147483648 bytes, more than the 1024 allowed")
    ) {
      _ = try decoder.append([0x00, 0x80, 0x00, 0x00, 0x00])
    }
    // It stays failed: later bytes are not buffered.
    #expect(throws: GRPCWebFramingError.self) { _ = try decoder.append([1, 2, 3]) }
    #expect(throws: GRPCWebFramingError.self) { try decoder.finish() }
  }

  @Test func truncatedBodiesAreNamed() {
    let body = Recorded.okBody(message)
    // Cut inside the trailer frame, inside the data frame, and after the data frame.
    #expect(
      reply(Array(body.dropLast(4)))
        == .failure(.badAnswer("the answer ends inside a frame (26 of 30 bytes)")))
    #expect(
      reply(Array(body.prefix(3)))
        == .failure(.badAnswer("the answer ends inside a frame header (3 of 5 bytes)")))
    #expect(
      reply(Recorded.frame(0, message))
        == .failure(.badAnswer("the answer ends without a grpc-status (cut off?)")))
  }

  @Test func badFlagsAndFramesAfterTrailersAreRefused() {
    #expect(
      reply(Recorded.frame(1, [1]))
        == .failure(.badAnswer("a frame is compressed, but no compression was asked for")))
    #expect(
      reply(Recorded.frame(0x40, [1]))
        == .failure(.badAnswer("a frame has the unknown flag 0x40")))
    #expect(
      reply(Recorded.okBody(message) + Recorded.frame(0, [1]))
        == .failure(.badAnswer("a frame follows the trailers")))
  }

  @Test func proxiesAnswersAreNotGRPC() {
    let html = Array("<html><title>502 Bad Gateway</title></html>".utf8)
    #expect(
      reply(status: 502, headers: ["content-type": "text/html"], html)
        == .failure(.http(status: 502, contentType: "text/html", body: html)))
    // A login page with status 200 is not mistaken for gRPC-web.
    #expect(
      reply(headers: ["content-type": "text/html; charset=utf-8"], html)
        == .failure(.badAnswer("the answer is text/html; charset=utf-8, not gRPC-web")))
    #expect(
      reply(headers: ["content-type": "application/grpc-web-text"], Array("AAAA".utf8))
        == .failure(.badAnswer("the answer is base64 text (grpc-web-text), not binary")))
  }

  @Test func trailerLinesAreLenient() {
    let fields = GRPCWebDecoder.trailers(Array("Grpc-Status: 0\nno colon\r\n\r\nx-a:b:c\r\n".utf8))
    #expect(fields == ["grpc-status": "0", "x-a": "b:c"])
    #expect(GRPCStatus(fields: ["grpc-status": "abc"]) == GRPCStatus(code: 2))
    #expect(GRPCStatus.percentDecoded("100%25 %E2%9C%93 %zz") == "100% ✓ %zz")
  }
}
