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
    var outgoing = HTTPClientRequest(url: request.url.absoluteString)
    outgoing.method = HTTPMethod(rawValue: request.method)
    for (name, value) in request.headers {
      outgoing.headers.replaceOrAdd(name: name, value: value)
    }
    if !request.body.isEmpty {
      outgoing.body = .bytes(ByteBuffer(bytes: request.body))
    }
    if request.url.scheme?.lowercased() == "https" {
      outgoing.tlsConfiguration = try tls.get()
    }
    let prepared = outgoing
    let client = SharedHTTPClient.client()
    let idle = max(0.001, request.timeout)
    let clock = ProgressClock(idle: idle, total: idle * Self.totalTimeoutFactor)
    do {
      return try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
        group.addTask { [bodyLimit] in
          try await Self.exchange(prepared, on: client, clock: clock, limit: bodyLimit)
        }
        group.addTask {
          try await clock.watch()
          return nil
        }
        defer { group.cancelAll() }
        while let answer = try await group.next() {
          if let response = answer { return response }
        }
        throw TransportFailure.other("no answer")
      }
    } catch {
      throw TransportErrors.failure(from: error, url: request.url)
    }
  }

  /// Sends `request` and reads its whole body, refusing more than `limit` bytes.
  private static func exchange(
    _ request: HTTPClientRequest, on client: HTTPClient, clock: ProgressClock, limit: Int
  ) async throws -> HTTPResponse {
    // The watch ends the request; this deadline only backs it up.
    let deadline = NIODeadline.now() + .milliseconds(Int64(clock.total * 1000) + 1000)
    let response = try await client.execute(request, deadline: deadline)
    clock.progressed()
    if let length = response.headers.first(name: "Content-Length").flatMap(Int.init),
      length > limit
    {
      throw TransportFailure.tooLarge(bytes: limit)
    }
    var body: [UInt8] = []
    for try await chunk in response.body {
      guard body.count + chunk.readableBytes <= limit else {
        throw TransportFailure.tooLarge(bytes: limit)
      }
      body.append(contentsOf: chunk.readableBytesView)
      clock.progressed()
    }
    var headers: [String: String] = [:]
    for (name, value) in response.headers {
      // A repeated header is one list, as HTTP defines it.
      let key = name.lowercased()
      headers[key] = headers[key].map { "\($0), \(value)" } ?? value
    }
    return HTTPResponse(status: Int(response.status.code), headers: headers, body: body)
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

/// Measures a request's progress against its idle and total limits.
final class ProgressClock: @unchecked Sendable {
  /// Seconds without progress before the request times out.
  let idle: TimeInterval
  /// Seconds the whole request may take.
  let total: TimeInterval
  private let started = DispatchTime.now()
  private let lock = NSLock()
  // Guarded by `lock`.
  private var lastProgress = DispatchTime.now()

  init(idle: TimeInterval, total: TimeInterval) {
    self.idle = idle
    self.total = total
  }

  /// Bytes arrived.
  func progressed() {
    lock.withLock { lastProgress = .now() }
  }

  /// Returns never: throws `timedOut` once nothing arrived for `idle` seconds, `tooSlow` once the
  /// request took `total` seconds while still arriving, `CancellationError` when cancelled.
  func watch() async throws {
    while true {
      let now = DispatchTime.now()
      let sinceProgress = Self.seconds(from: lock.withLock { lastProgress }, to: now)
      let idleLeft = idle - sinceProgress
      let totalLeft = total - Self.seconds(from: started, to: now)
      if idleLeft <= 0 { throw TransportFailure.timedOut }
      if totalLeft <= 0 { throw TransportFailure.tooSlow(seconds: total) }
      try await Task.sleep(nanoseconds: UInt64(min(idleLeft, totalLeft) * 1e9) + 1_000_000)
    }
  }

  private static func seconds(from start: DispatchTime, to end: DispatchTime) -> TimeInterval {
    Double(end.uptimeNanoseconds &- start.uptimeNanoseconds) / 1e9
  }
}
