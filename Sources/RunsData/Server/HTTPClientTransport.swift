import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The server transport: async-http-client on SwiftNIO, TLS by NIOSSL.
///
/// Redirects are handed back to the caller (the client decides where credentials may go), no
/// cookie is stored, a body larger than `maxBodyBytes` is refused while it streams, and a
/// request fails after `timeout` seconds without progress or `totalTimeoutFactor` times that in
/// all. Every request goes through the process's one `SharedHTTPClient`, which is created by
/// the first request, so a source that never asks a server never starts an event loop.
public struct HTTPClientTransport: HTTPTransport {
  /// The largest answer accepted: far above any real page, low enough that a broken or
  /// hostile server cannot exhaust memory.
  public static let maxBodyBytes = 64 << 20
  /// A request may take at most this many times its (idle) timeout in total, so a server that
  /// trickles bytes cannot hold it forever.
  public static let totalTimeoutFactor = 10.0

  /// The TLS settings of `https` requests, or why they could not be made (a bad CA file).
  private let tls: Result<TLSConfiguration, TransportFailure>
  /// The most body bytes read for one answer.
  let bodyLimit: Int

  /// Creates a transport that trusts the system's CAs plus those in `caCertificateFile` (PEM),
  /// or, with `insecure`, any certificate; answers larger than `maxBodyBytes` are refused.
  public init(
    caCertificateFile: String? = nil, insecure: Bool = false,
    maxBodyBytes: Int = HTTPClientTransport.maxBodyBytes
  ) {
    tls = Self.tlsConfiguration(caCertificateFile: caCertificateFile, insecure: insecure)
    bodyLimit = maxBodyBytes
  }

  public func send(_ request: HTTPRequest) async throws(TransportFailure) -> HTTPResponse {
    var headers = HTTPHeaders()
    for (name, value) in request.headers {
      headers.replaceOrAdd(name: name, value: value)
    }
    let outgoing: HTTPClient.Request
    do {
      let https = request.url.scheme?.lowercased() == "https"
      outgoing = try HTTPClient.Request(
        url: request.url.absoluteString, method: HTTPMethod(rawValue: request.method),
        headers: headers, body: request.body.isEmpty ? nil : .bytes(request.body),
        tlsConfiguration: https ? try tls.get() : nil)
    } catch {
      throw TransportErrors.failure(from: error, url: request.url)
    }
    let idle = max(0.001, request.timeout)
    let collector = AnswerCollector(
      limit: bodyLimit, idle: idle, total: idle * Self.totalTimeoutFactor)
    let task = SharedHTTPClient.client().execute(
      request: outgoing, delegate: collector,
      deadline: .now() + Self.amount(collector.total + 1))
    collector.watch(task)
    do {
      return try await withTaskCancellationHandler {
        try await task.futureResult.get()
      } onCancel: {
        task.cancel()
      }
    } catch {
      throw TransportErrors.failure(from: error, url: request.url)
    }
  }

  static func amount(_ seconds: TimeInterval) -> TimeAmount {
    .nanoseconds(Int64(min(seconds, 1e9) * 1e9))
  }

  /// The client TLS settings: certificates verified against the system's CAs and those of
  /// `caCertificateFile`, or not at all with `insecure`.
  static func tlsConfiguration(caCertificateFile: String?, insecure: Bool)
    -> Result<TLSConfiguration, TransportFailure>
  {
    var configuration = TLSConfiguration.makeClientConfiguration()
    if insecure {
      configuration.certificateVerification = .none
    }
    if let caCertificateFile {
      switch CACertificateFile.load(caCertificateFile) {
      case .success(let certificates):
        configuration.additionalTrustRoots = [.certificates(certificates)]
      case .failure(let problem):
        return .failure(.tls(problem.description))
      }
    }
    return .success(configuration)
  }
}

/// Collects one answer on the event loop: the head, the body up to a limit, and the time of
/// the last progress, which a timer on the same loop checks.
///
/// Everything happens on the event loop, not in Swift concurrency's thread pool: a pool kept
/// busy elsewhere delays when the caller sees the answer, but cannot make a request that was
/// answered in time look timed out.
final class AnswerCollector: HTTPClientResponseDelegate, @unchecked Sendable {
  typealias Response = HTTPResponse

  let limit: Int
  /// Seconds without progress before the request times out.
  let idle: TimeInterval
  /// Seconds the whole request may take.
  let total: TimeInterval
  private let started = NIODeadline.now()
  private let lock = NSLock()
  // Guarded by `lock`.
  private var lastProgress = NIODeadline.now()
  private var head: HTTPResponseHead?
  private var body: [UInt8] = []

  init(limit: Int, idle: TimeInterval, total: TimeInterval) {
    self.limit = limit
    self.idle = idle
    self.total = total
  }

  /// Fails `task` once nothing arrived for `idle` seconds (`timedOut`) or it took `total`
  /// seconds while still arriving (`tooSlow`).
  func watch(_ task: HTTPClient.Task<HTTPResponse>) {
    let step = HTTPClientTransport.amount(min(idle, total) / 4)
    let repeated = task.eventLoop.scheduleRepeatedTask(initialDelay: step, delay: step) {
      [self] repeated in
      let now = NIODeadline.now()
      let quiet = lock.withLock { now - lastProgress }
      if quiet >= HTTPClientTransport.amount(idle) {
        repeated.cancel()
        task.fail(reason: TransportFailure.timedOut)
      } else if now - started >= HTTPClientTransport.amount(total) {
        repeated.cancel()
        task.fail(reason: TransportFailure.tooSlow(seconds: total))
      }
    }
    task.futureResult.whenComplete { _ in repeated.cancel() }
  }

  func didReceiveHead(task: HTTPClient.Task<HTTPResponse>, _ head: HTTPResponseHead)
    -> EventLoopFuture<Void>
  {
    if let length = head.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
      return task.eventLoop.makeFailedFuture(TransportFailure.tooLarge(bytes: limit))
    }
    lock.withLock {
      self.head = head
      lastProgress = .now()
    }
    return task.eventLoop.makeSucceededVoidFuture()
  }

  func didReceiveBodyPart(task: HTTPClient.Task<HTTPResponse>, _ buffer: ByteBuffer)
    -> EventLoopFuture<Void>
  {
    let fits = lock.withLock { () -> Bool in
      guard body.count + buffer.readableBytes <= limit else { return false }
      body.append(contentsOf: buffer.readableBytesView)
      lastProgress = .now()
      return true
    }
    guard fits else {
      return task.eventLoop.makeFailedFuture(TransportFailure.tooLarge(bytes: limit))
    }
    return task.eventLoop.makeSucceededVoidFuture()
  }

  func didReceiveError(task: HTTPClient.Task<HTTPResponse>, _ error: any Error) {}

  func didFinishRequest(task: HTTPClient.Task<HTTPResponse>) throws -> HTTPResponse {
    let (head, body) = lock.withLock { (self.head, self.body) }
    guard let head else { throw TransportFailure.connectionLost("no answer came") }
    var headers: [String: String] = [:]
    for (name, value) in head.headers {
      // A repeated header is one list, as HTTP defines it.
      let key = name.lowercased()
      headers[key] = headers[key].map { "\($0), \(value)" } ?? value
    }
    return HTTPResponse(status: Int(head.status.code), headers: headers, body: body)
  }
}
