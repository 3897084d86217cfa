import Foundation
import RunsCore

/// Every way a request can fail, as one sentence that says what to do.
extension KFPServerClient {
  /// No HTTP answer at all from `url` (the base's, or a redirect's target).
  func describe(_ failure: TransportFailure, at url: URL, location: String, attempts: Int)
    -> ServerFailure
  {
    let redirected = ServerURL.origin(url) != ServerURL.origin(options.baseURL)
    // After a redirect the failure is the redirect target's: name that, not the base.
    let base = redirected ? ServerURL.display(url) : options.displayBase
    let via = redirected ? ", where \(options.displayBase) redirected" : ""
    let tries = attempts > 1 ? "; tried \(attempts) times" : ""
    let message: String
    switch failure {
    case .cannotConnect(let detail):
      message =
        "Could not connect to \(base)\(via) (\(redactor.clean(detail))\(tries)): check the URL "
        + "and that the API server is reachable, e.g. through "
        + "`kubectl port-forward -n kubeflow svc/ml-pipeline 8888:8888` and http://localhost:8888."
    case .hostNotFound(let detail):
      let host = url.host ?? base
      message =
        "The host \(host)\(via) was not found (\(redactor.clean(detail))): "
        + (redirected ? "check where the server redirects, and the URL." : "check the URL.")
    case .timedOut:
      message =
        "No answer from \(base)\(via) within \(Self.seconds(options.timeout)) seconds: check "
        + "the URL and the network, then retry."
    case .tooSlow(let seconds):
      message =
        "The answer from \(base) did not finish within \(Self.seconds(seconds)) seconds: it kept "
        + "arriving, but too slowly. Check the network and the server, then retry."
    case .tooLarge(let bytes):
      message =
        "The answer from \(base) is larger than \(bytes >> 20) MiB, the most kfp-runs reads for "
        + "one page, so it was not read: check that the URL is the KFP API server's."
    case .connectionLost(let detail):
      message =
        "The connection to \(base) broke before the answer was complete "
        + "(\(redactor.clean(detail))\(tries)): retry."
    case .tls(let detail):
      message = tlsMessage(redactor.clean(detail), host: url.host ?? base)
    case .other(let detail):
      message = "The request to \(base) failed (\(redactor.clean(detail))\(tries)): retry."
    }
    return ServerFailure(
      kind: .unreachable, problem: problem(location, message), attempts: attempts)
  }

  /// What to do about a failed TLS handshake, by what was asked: trust the CA with
  /// `--ca-cert` (the kfp SDK's `ssl_ca_cert`), or skip verification with `--insecure`.
  private func tlsMessage(_ detail: String, host: String) -> String {
    if detail.hasPrefix("the CA file") { return "Cannot use --ca-cert: \(detail)." }
    let start = "TLS with \(host) failed (\(detail))"
    if options.insecure {
      return start + " even with --insecure: check that the URL is the server's HTTPS address."
    }
    if let file = options.caCertificateFile {
      return start
        + ": the certificate does not chain to the CA in --ca-cert \(file) nor to one this "
        + "machine trusts; pass the CA that signed the server's certificate with --ca-cert FILE, "
        + "or, if you trust this server, --insecure."
    }
    return start
      + ": pass the certificate of the CA that signed it with --ca-cert FILE (PEM, the kfp "
      + "SDK's ssl_ca_cert), or, if you trust this server, --insecure."
  }

  /// An HTTP error status (after retries, for the transient ones).
  func describe(status exchange: Exchange, path: String, location: String, attempts: Int)
    -> ServerFailure
  {
    let response = exchange.response
    let status = response.status
    let statusText = "HTTP \(status)" + (Self.reasons[status].map { " \($0)" } ?? "")
    let serverMessage = errorMessage(in: response)
    let said = serverMessage.map { ": \($0)" } ?? bodySummary(response).map { ", \($0)" } ?? ""
    let tries = attempts > 1 ? ", tried \(attempts) times" : ""
    var message: String
    let kind: ServerFailure.Kind
    switch status {
    case 401, 403:
      kind = .unauthorized
      message = authMessage(status: status, statusText: statusText + said)
    case 404 where serverMessage == nil:
      kind = .notFound
      message = "Nothing at \(location) (\(statusText)): " + prefixHint()
    case 404:
      kind = .notFound
      message = Self.sentence("Not found (\(statusText)\(said))")
    case 429:
      kind = .httpStatus(status)
      message = "The server kept answering \(statusText)\(said)\(tries): wait a minute and retry."
    case 502, 503, 504:
      kind = .httpStatus(status)
      message =
        "The server answered \(statusText)\(said)\(tries): the API server behind the proxy is "
        + "not answering; retry later, and check that the ml-pipeline deployment is running."
    default:
      kind = .httpStatus(status)
      message = Self.sentence("The server answered \(statusText)\(said)")
      if let serverMessage, options.namespace == nil,
        ["namespace", "multi-user", "resource reference"].contains(where: {
          serverMessage.lowercased().contains($0)
        })
      {
        message += " In multi-user mode pass --namespace NS or --experiment NAME."
      }
    }
    if exchange.leftOrigin {
      message +=
        " (The request was redirected to \(ServerURL.display(exchange.finalURL)), where "
        + "kfp-runs sends no credentials.)"
    }
    return ServerFailure(kind: kind, problem: problem(location, message), attempts: attempts)
  }

  private func authMessage(status: Int, statusText: String) -> String {
    let tokenFlags = "--token or KFP_TOKEN"
    if status == 403 {
      let account = options.token.map { _ in "the account of the token from \(tokenOrigin)" }
      let scope = options.namespace.map { " in namespace \($0)" } ?? ""
      return "Access denied (\(statusText)): check that "
        + (account ?? "your account") + " may read runs\(scope), or pass another token with "
        + "\(tokenFlags) (or a session cookie with --cookie or KFP_COOKIE)."
    }
    if options.token != nil {
      return "The server did not accept the token from \(tokenOrigin) (\(statusText)): pass a "
        + "valid one with \(tokenFlags)."
    }
    if options.cookie != nil {
      return "The server did not accept the session cookie from \(cookieOrigin) "
        + "(\(statusText)): log in again and pass a fresh one with --cookie or KFP_COOKIE, or "
        + "use \(tokenFlags)."
    }
    return "The server requires authentication (\(statusText)): pass a token with "
      + "\(tokenFlags), or the dashboard session cookie with --cookie or KFP_COOKIE."
  }

  private var tokenOrigin: String { options.tokenOrigin ?? "--token" }
  private var cookieOrigin: String { options.cookieOrigin ?? "--cookie" }

  /// What to try when the API path is not there.
  func prefixHint() -> String {
    let base = options.displayBase
    let gateway = "through the Kubeflow gateway the base is https://HOST/pipeline"
    let forward = "a port-forward to ml-pipeline is http://localhost:8888"
    if options.baseURL.path.hasSuffix("/pipeline") {
      return "check the API base URL (\(gateway); \(forward))."
    }
    return "is \(base) the KFP API base? Try \(base)/pipeline (\(gateway); \(forward))."
  }

  /// A 2xx answer that is not JSON: an HTML page (login, dashboard) or a cut-off body.
  func describe(badBody exchange: Exchange, error: JSONParseError, location: String, attempts: Int)
    -> ServerFailure
  {
    let response = exchange.response
    let message: String
    if ServerText.isHTML(response.body, contentType: response.header("Content-Type")) {
      let title = redactor.clean(ServerText.htmlSummary(response.body), limit: 80)
      let page = title.isEmpty ? "an HTML page" : "an HTML page (\"\(title)\")"
      if exchange.redirected {
        message =
          "\(location) led to \(page) instead of the API's JSON, probably a login page: pass "
          + "the dashboard session cookie with --cookie or KFP_COOKIE, or a token with "
          + "--token or KFP_TOKEN."
      } else {
        message = "\(location) answered with \(page) instead of the API's JSON: " + prefixHint()
      }
    } else if response.body.isEmpty {
      message = "The server sent an empty answer (HTTP \(response.status)): retry."
    } else if error.reason.lowercased().contains("end") {
      message =
        "The answer ended early (\(redactor.clean(error.description))): the connection was "
        + "probably cut; retry."
    } else {
      message =
        "The answer is not valid JSON (\(redactor.clean(error.description))): check that the "
        + "URL is the KFP API base."
    }
    return ServerFailure(
      kind: .badBody, problem: problem(location, message), attempts: attempts)
  }

  /// The `message` (or `error`) of a KFP / grpc-gateway JSON error body.
  func errorMessage(in response: HTTPResponse) -> String? {
    guard !response.body.isEmpty, let json = try? JSONParser.parse(response.body) else {
      return nil
    }
    for key in ["message", "error", "error_message"] {
      if let text = json[key]?.stringValue, !text.isEmpty {
        return redactor.clean(text)
      }
    }
    return nil
  }

  /// A short description of a non-JSON error body.
  func bodySummary(_ response: HTTPResponse) -> String? {
    guard !response.body.isEmpty else { return nil }
    if ServerText.isHTML(response.body, contentType: response.header("Content-Type")) {
      let title = redactor.clean(ServerText.htmlSummary(response.body), limit: 80)
      return title.isEmpty ? "an HTML page" : "an HTML page \"\(title)\""
    }
    let text = redactor.clean(
      String(decoding: response.body.prefix(400), as: UTF8.self), limit: 120)
    return text.isEmpty ? nil : "\"\(text)\""
  }

  func problem(_ location: String, _ message: String) -> Problem {
    Problem(location: location, severity: .error, message: redactor.clean(message, limit: 1000))
  }

  /// `text` ending in a full stop (not two when the server's message already has one).
  static func sentence(_ text: String) -> String {
    guard let last = text.last, !".!?".contains(last) else { return text }
    return text + "."
  }

  static func seconds(_ value: TimeInterval) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
  }

  static let reasons: [Int: String] = [
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 408: "Request Timeout", 409: "Conflict", 429: "Too Many Requests",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout",
  ]
}
