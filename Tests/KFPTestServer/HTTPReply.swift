import Foundation

/// What the test server answers to one request, including deliberate misbehaviour.
public struct HTTPReply: Sendable {
  /// The status code.
  public var status: Int
  /// Response headers in order (`Content-Length` is added unless `omitLength`).
  public var headers: [(String, String)]
  /// The body.
  public var body: [UInt8]
  /// Seconds to wait before answering (a slow server).
  public var delay: TimeInterval = 0
  /// Send only this many body bytes, then close (a truncated answer).
  public var truncateAfter: Int?
  /// Leave out `Content-Length` and close after the body (the end of the body is the close).
  public var omitLength = false
  /// Close the connection without answering at all.
  public var dropConnection = false
  /// Send exactly these bytes instead of a reply made from the fields above, then close.
  public var raw: [UInt8]?
  /// Send the head, then the body one byte every this many seconds, starting over at its end,
  /// until the client gives up (a server that trickles forever).
  public var trickleInterval: TimeInterval?

  /// Creates a reply.
  public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// A JSON answer.
  public static func json(_ text: String, status: Int = 200) -> HTTPReply {
    HTTPReply(
      status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
  }

  /// A grpc-gateway error body, as the KFP API server sends: `error`, `code`, `message`.
  public static func apiError(status: Int, message: String, code: Int = 2) -> HTTPReply {
    let text = WireJSON.quote(message)
    return json(
      "{\"error\":\(text),\"code\":\(code),\"message\":\(text),\"details\":[]}", status: status)
  }

  /// A plain-text answer (Go's mux says `404 page not found` this way).
  public static func text(_ text: String, status: Int) -> HTTPReply {
    HTTPReply(
      status: status, headers: [("Content-Type", "text/plain; charset=utf-8")],
      body: Array(text.utf8))
  }

  /// An HTML page, as a proxy or a login screen sends.
  public static func html(status: Int, title: String) -> HTTPReply {
    let page =
      "<!DOCTYPE html>\n<html><head><title>\(title)</title></head>\n"
      + "<body><h1>\(title)</h1><hr><center>nginx</center></body></html>\n"
    return HTTPReply(
      status: status, headers: [("Content-Type", "text/html")], body: Array(page.utf8))
  }

  /// A redirect to `location`.
  public static func redirect(to location: String, status: Int = 302) -> HTTPReply {
    HTTPReply(status: status, headers: [("Location", location)], body: Array("moved".utf8))
  }

  /// `429 Too Many Requests` with `Retry-After`.
  public static func tooManyRequests(retryAfter: String) -> HTTPReply {
    var reply = apiError(status: 429, message: "rate limited", code: 8)
    reply.headers.append(("Retry-After", retryAfter))
    return reply
  }

  /// This reply, answered only after `seconds`.
  public func delayed(_ seconds: TimeInterval) -> HTTPReply {
    var copy = self
    copy.delay = seconds
    return copy
  }

  /// This reply with only the first `bytes` of the body; `declareLength` keeps the full
  /// `Content-Length` (the client sees a broken connection), else the close ends the body.
  public func truncated(after bytes: Int, declareLength: Bool = true) -> HTTPReply {
    var copy = self
    if declareLength {
      copy.truncateAfter = bytes
    } else {
      copy.body = Array(body.prefix(bytes))
      copy.omitLength = true
    }
    return copy
  }

  /// This reply's body sent one byte every `seconds`, forever: `Content-Length` announces
  /// 16 MiB (within what a client reads), so the client never sees the end.
  public func trickled(every seconds: TimeInterval) -> HTTPReply {
    var copy = self
    copy.trickleInterval = seconds
    return copy
  }

  /// These bytes as they are, then the connection closed: a reply cut anywhere, even inside
  /// its head (a dying `kubectl port-forward` sends `HTTP/1.1 200 OK\r\n` and closes).
  public static func raw(_ text: String) -> HTTPReply {
    var reply = HTTPReply(status: 0)
    reply.raw = Array(text.utf8)
    return reply
  }

  /// No answer: the connection is closed.
  public static var dropped: HTTPReply {
    var reply = HTTPReply(status: 0)
    reply.dropConnection = true
    return reply
  }
}

/// One request as the test server received it.
public struct RecordedRequest: Sendable {
  /// `GET`, …
  public var method: String
  /// The request target as sent, query included.
  public var target: String
  /// The path without the query.
  public var path: String
  /// Query parameters, percent-decoded (the last of repeated names wins).
  public var query: [String: String]
  /// Headers, names lower-cased.
  public var headers: [String: String]
  /// The body (a POST's, by its `Content-Length`); empty for a GET.
  public var body: [UInt8] = []

  /// The value of a header by case-insensitive name.
  public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
