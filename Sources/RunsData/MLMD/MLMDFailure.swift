import RunsCore

/// Why an ML Metadata call over gRPC-web gave no answer to use.
public enum MLMDFailure: Error, Sendable, Hashable {
  /// MLMD (or the gRPC-web proxy) answered with a gRPC status other than OK.
  case grpc(GRPCStatus)
  /// An HTTP error status, with a short plain text of the body (a proxy's page).
  case http(status: Int, text: String)
  /// An answer that is not usable gRPC-web or protobuf: what is wrong with it.
  case badAnswer(String)
  /// No HTTP answer at all.
  case transport(TransportFailure)

  /// Whether trying again soon may help: gRPC UNAVAILABLE, DEADLINE_EXCEEDED,
  /// RESOURCE_EXHAUSTED; HTTP 429, 502, 503, 504; refused or broken connections.
  public var isTransient: Bool {
    switch self {
    case .grpc(let status): status.isTransient
    case .http(let status, _): [429, 502, 503, 504].contains(status)
    case .badAnswer: false
    case .transport(let failure): failure.isTransient
    }
  }

  /// One sentence without location: `gRPC PERMISSION_DENIED: RBAC: access denied`.
  public var message: String {
    switch self {
    case .grpc(let status):
      let detail = ServerText.plain(status.message)
      return "gRPC \(status.name)" + (detail.isEmpty ? "" : ": \(detail.prefix(200))")
    case .http(let status, let text):
      return "HTTP \(status)" + (text.isEmpty ? "" : ": \(text)")
    case .badAnswer(let reason):
      return "not a usable gRPC-web answer: \(reason)"
    case .transport(let failure):
      switch failure {
      case .cannotConnect(let detail): return "could not connect (\(ServerText.plain(detail)))"
      case .hostNotFound(let detail): return "host not found (\(ServerText.plain(detail)))"
      case .timedOut: return "no answer in time"
      case .tooSlow(let seconds): return "the answer did not finish within \(Int(seconds)) seconds"
      case .tooLarge(let bytes): return "the answer is larger than \(bytes >> 20) MiB; not read"
      case .connectionLost(let detail):
        return "the connection broke during the answer (\(ServerText.plain(detail)))"
      case .tls(let detail): return "TLS failed (\(ServerText.plain(detail)))"
      case .other(let detail): return "the request failed (\(ServerText.plain(detail)))"
      }
    }
  }

  /// The failure for an HTTP answer that is not a message.
  static func from(_ failure: GRPCWebReply.Failure) -> MLMDFailure {
    switch failure {
    case .status(let status): return .grpc(status)
    case .badAnswer(let reason): return .badAnswer(reason)
    case .http(let status, let contentType, let body):
      let text =
        ServerText.isHTML(body, contentType: contentType)
        ? ServerText.htmlSummary(body)
        : ServerText.plain(String(decoding: body.prefix(4096), as: UTF8.self))
      return .http(status: status, text: String(text.prefix(200)))
    }
  }
}
