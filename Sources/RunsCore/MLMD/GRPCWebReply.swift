/// What a gRPC-web answer is: one message, a gRPC error, or something that is not gRPC-web.
public enum GRPCWebReply {
  /// Why an answer carries no message.
  public enum Failure: Error, Sendable, Hashable {
    /// The server answered with a gRPC status other than OK.
    case status(GRPCStatus)
    /// An HTTP error status (a proxy's 401/403/502 page); the body is kept for a summary.
    case http(status: Int, contentType: String?, body: [UInt8])
    /// A 200 answer that is not a usable gRPC-web body (HTML, cut off, bad frames, …).
    case badAnswer(String)
  }

  /// The one message of a unary call's answer.
  ///
  /// Trailers-only answers (status in the HTTP headers, empty body) are errors when the status
  /// is not OK; the OK status with no data frame is the empty message (all fields default), as
  /// gRPC allows. Headers' names are lower-cased.
  public static func message(
    status: Int, headers: [String: String], body: [UInt8],
    maxFrameLength: Int = GRPCWebDecoder.defaultMaxFrameLength
  ) -> Result<[UInt8], Failure> {
    let contentType = headers["content-type"]
    guard (200..<300).contains(status) else {
      return .failure(.http(status: status, contentType: contentType, body: body))
    }
    let headerStatus = GRPCStatus(fields: headers)
    if let headerStatus, headerStatus.code != 0 {
      return .failure(.status(headerStatus))
    }
    if body.isEmpty, headerStatus != nil { return .success([]) }
    let type = contentType?.lowercased() ?? ""
    guard type.hasPrefix("application/grpc") else {
      return .failure(
        .badAnswer(
          "the answer is \(type.isEmpty ? "without a content type" : type), not gRPC-web"))
    }
    guard !type.hasPrefix("application/grpc-web-text") else {
      return .failure(.badAnswer("the answer is base64 text (grpc-web-text), not binary"))
    }
    var decoder = GRPCWebDecoder(maxFrameLength: maxFrameLength)
    var messages: [[UInt8]] = []
    var trailers: [String: String] = [:]
    do {
      for frame in try decoder.append(body) {
        switch frame {
        case .message(let bytes): messages.append(bytes)
        case .trailers(let fields): trailers = fields
        }
      }
      try decoder.finish()
    } catch {
      return .failure(.badAnswer(error.reason))
    }
    guard let final = GRPCStatus(fields: trailers) ?? headerStatus else {
      return .failure(.badAnswer("the answer ends without a grpc-status (cut off?)"))
    }
    guard final.code == 0 else { return .failure(.status(final)) }
    guard messages.count <= 1 else {
      return .failure(.badAnswer("the answer holds \(messages.count) messages, not one"))
    }
    return .success(messages.first ?? [])
  }
}
