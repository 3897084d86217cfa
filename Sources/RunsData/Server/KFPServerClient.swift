import Foundation
import RunsCore

/// Sends GET requests to the KFP v1beta1 API: credentials, redirects, retries, and the
/// translation of every failure into a problem that says what to do.
struct KFPServerClient: Sendable {
  /// Waits between retries; tests inject a recorder instead of real sleeping.
  typealias Sleeper = @Sendable (TimeInterval) async -> Void

  let options: KFPServerOptions
  let transport: any HTTPTransport
  let sleep: Sleeper
  let redactor: Redactor

  /// The most redirects followed for one request.
  static let maxRedirects = 5
  /// HTTP statuses worth another try: rate limited, or a proxy whose backend is not ready.
  static let transientStatuses: Set<Int> = [429, 502, 503, 504]

  init(options: KFPServerOptions, transport: any HTTPTransport, sleep: @escaping Sleeper) {
    self.options = options
    self.transport = transport
    self.sleep = sleep
    self.redactor = Redactor(token: options.token, cookie: options.cookie)
  }

  /// A parsed JSON answer and the (credential-free) URL it came from.
  struct Answer: Sendable {
    var json: JSONValue
    var location: String
    var attempts: Int
  }

  /// GETs `{base}/apis/{version}/{path}?{query}` and parses the answer as JSON.
  func get(
    _ path: String, query: [(String, String)] = [], version: KFPAPIVersion = .v1
  ) async -> Result<Answer, ServerFailure> {
    let url = ServerURL.api(options.baseURL, path: path, query: query, version: version)
    let location = ServerURL.display(url)
    var attempt = 0
    while true {
      attempt += 1
      let canRetry = attempt < options.retry.attempts
      let exchange: Exchange
      do {
        exchange = try await send(url)
      } catch {
        if error.isTransient, canRetry {
          await sleep(options.retry.delay(afterAttempt: attempt, retryAfter: nil))
          continue
        }
        return .failure(describe(error, location: location, attempts: attempt))
      }
      let response = exchange.response
      if Self.transientStatuses.contains(response.status), canRetry {
        let retryAfter = RetryPolicy.retryAfterSeconds(response.header("Retry-After"))
        await sleep(options.retry.delay(afterAttempt: attempt, retryAfter: retryAfter))
        continue
      }
      guard (200..<300).contains(response.status) else {
        return .failure(
          describe(status: exchange, path: path, location: location, attempts: attempt))
      }
      do {
        let json = try JSONParser.parse(response.body)
        return .success(Answer(json: json, location: location, attempts: attempt))
      } catch {
        return .failure(
          describe(badBody: exchange, error: error, location: location, attempts: attempt))
      }
    }
  }

  /// One answered request after any redirects.
  struct Exchange: Sendable {
    var response: HTTPResponse
    /// Where the answer finally came from.
    var finalURL: URL
    /// Whether a redirect led away from the base's origin (credentials were not sent there).
    var leftOrigin: Bool
    /// Whether any redirect was followed.
    var redirected: Bool
  }

  /// Sends one request, following redirects itself: credentials only go to the base's origin.
  func send(_ start: URL) async throws(TransportFailure) -> Exchange {
    let baseOrigin = ServerURL.origin(options.baseURL)
    var url = start
    var redirects = 0
    var leftOrigin = false
    while true {
      let sameOrigin = ServerURL.origin(url) == baseOrigin
      leftOrigin = leftOrigin || !sameOrigin
      let request = HTTPRequest(
        url: url, headers: headers(withCredentials: sameOrigin), timeout: options.timeout)
      let response = try await transport.send(request)
      guard [301, 302, 303, 307, 308].contains(response.status),
        let location = response.header("Location"),
        let next = URL(string: location, relativeTo: url)?.absoluteURL,
        ["http", "https"].contains(next.scheme?.lowercased() ?? "")
      else {
        return Exchange(
          response: response, finalURL: url, leftOrigin: leftOrigin, redirected: redirects > 0)
      }
      redirects += 1
      if redirects > Self.maxRedirects {
        throw .other("more than \(Self.maxRedirects) redirects")
      }
      url = next
    }
  }

  /// The request headers; `Authorization` and `Cookie` only when `withCredentials`.
  func headers(withCredentials: Bool) -> [String: String] {
    var headers = ["Accept": "application/json", "User-Agent": "kfp-runs"]
    if withCredentials {
      if let token = options.token { headers["Authorization"] = "Bearer \(token)" }
      if let cookie = options.cookie { headers["Cookie"] = cookie }
    }
    return headers
  }
}
