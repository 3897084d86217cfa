import Foundation

/// One HTTP request the KFP client sends: a GET to the REST API, or a POST with a body (gRPC-web).
public struct HTTPRequest: Sendable, Hashable {
  /// The full URL, query included.
  public var url: URL
  /// `GET`, or `POST` when there is a body.
  public var method: String
  /// Request headers by name (credentials live here, never in the URL).
  public var headers: [String: String]
  /// The request body; empty for a GET.
  public var body: [UInt8]
  /// Seconds without progress before the request times out.
  public var timeout: TimeInterval

  /// Creates a request; `method` defaults to `POST` when there is a body, else `GET`.
  public init(
    url: URL, method: String? = nil, headers: [String: String] = [:], body: [UInt8] = [],
    timeout: TimeInterval = 30
  ) {
    self.url = url
    self.method = method ?? (body.isEmpty ? "GET" : "POST")
    self.headers = headers
    self.body = body
    self.timeout = timeout
  }
}

/// The answer to one `HTTPRequest`, as received (redirects are not followed by the transport).
public struct HTTPResponse: Sendable, Hashable {
  /// The HTTP status code.
  public var status: Int
  /// Response headers, names lower-cased.
  public var headers: [String: String]
  /// The body bytes.
  public var body: [UInt8]

  /// Creates a response; header names are lower-cased.
  public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
    self.status = status
    self.headers = Dictionary(
      headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    self.body = body
  }

  /// The value of a header, by case-insensitive name.
  public func header(_ name: String) -> String? {
    headers[name.lowercased()]
  }
}

/// Why a request got no HTTP answer at all.
public enum TransportFailure: Error, Sendable, Hashable {
  /// Nothing listens at the address, or the connection was refused or reset before an answer.
  case cannotConnect(String)
  /// The host name does not resolve.
  case hostNotFound(String)
  /// No progress within the timeout.
  case timedOut
  /// The answer kept arriving, but too slowly to finish within `seconds` in all.
  case tooSlow(seconds: TimeInterval)
  /// The connection broke while the answer was arriving (a truncated answer).
  case connectionLost(String)
  /// The answer is larger than `bytes`, the most the transport reads; it was not read.
  case tooLarge(bytes: Int)
  /// TLS failed: the certificate could not be verified, or the handshake failed.
  case tls(String)
  /// Anything else, with the platform's description.
  case other(String)

  /// Whether trying again soon may help: refused, reset and broken connections.
  public var isTransient: Bool {
    switch self {
    case .cannotConnect, .connectionLost: true
    case .hostNotFound, .timedOut, .tooSlow, .tooLarge, .tls, .other: false
    }
  }
}

/// Sends one HTTP request and returns the answer without following redirects.
///
/// The KFP client talks to the network only through this, so tests can inject any failure.
public protocol HTTPTransport: Sendable {
  /// Sends `request`; an HTTP error status is a response, not a failure.
  func send(_ request: HTTPRequest) async throws(TransportFailure) -> HTTPResponse
}
