import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The real transport: Foundation's `URLSession`, redirects handed back to the caller.
///
/// Redirects are not followed here because `URLSession` (on Linux at least) copies every request
/// header, `Authorization` and `Cookie` included, to whatever host a redirect names; the client
/// follows them itself and drops credentials when the origin changes.
public final class URLSessionTransport: HTTPTransport, Sendable {
  private let session: URLSession
  private let delegate: SessionDelegate

  /// Whether `insecure` can actually skip certificate verification on this platform.
  ///
  /// Linux's FoundationNetworking (libcurl underneath) never offers a server-trust challenge and
  /// has no switch to turn verification off, so there it cannot.
  public static var canSkipCertificateVerification: Bool {
    #if canImport(FoundationNetworking)
      false
    #else
      true
    #endif
  }

  /// Creates a transport; `insecure` accepts any server certificate where the platform allows it.
  public init(insecure: Bool = false) {
    delegate = SessionDelegate(insecure: insecure)
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpCookieStorage = nil
    configuration.httpShouldSetCookies = false
    configuration.urlCache = nil
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
  }

  deinit {
    // The session holds its delegate strongly until invalidated.
    session.invalidateAndCancel()
  }

  public func send(_ request: HTTPRequest) async throws(TransportFailure) -> HTTPResponse {
    var urlRequest = URLRequest(
      url: request.url, cachePolicy: .reloadIgnoringLocalCacheData,
      timeoutInterval: request.timeout)
    urlRequest.httpShouldHandleCookies = false
    urlRequest.httpMethod = request.method
    if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
    for (name, value) in request.headers {
      urlRequest.setValue(value, forHTTPHeaderField: name)
    }
    let task = session.dataTask(with: urlRequest)
    let result = await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        delegate.register(task, timeout: request.timeout, continuation)
        task.resume()
      }
    } onCancel: {
      task.cancel()
    }
    return try result.get()
  }
}

/// Collects each task's body and resumes its continuation when the task completes.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  private struct Pending {
    var continuation: CheckedContinuation<Result<HTTPResponse, TransportFailure>, Never>
    /// The idle timeout; the whole request may take `totalTimeoutFactor` times it.
    var timeout: TimeInterval
    var body: [UInt8] = []
    var started = Date()
    var lastProgress = Date()
    var timedOut = false
    /// Timed out by the total limit while the answer was still arriving.
    var tooSlow = false
    var tooLarge = false
  }

  /// The largest answer accepted: far above any real page, low enough that a broken or
  /// hostile server cannot exhaust memory.
  static let maxBodyBytes = 64 << 20
  /// A request may take at most this many times its (idle) timeout in total, so a server
  /// that trickles bytes cannot hold it forever.
  static let totalTimeoutFactor = 10.0

  private let insecure: Bool
  private let lock = NSLock()
  // Guarded by `lock`.
  private var pending: [Int: Pending] = [:]

  init(insecure: Bool) {
    self.insecure = insecure
  }

  func register(
    _ task: URLSessionTask, timeout: TimeInterval,
    _ continuation: CheckedContinuation<Result<HTTPResponse, TransportFailure>, Never>
  ) {
    lock.withLock {
      pending[task.taskIdentifier] = Pending(continuation: continuation, timeout: timeout)
    }
    watch(task, timeout: timeout)
  }

  /// Cancels `task` once it has made no progress for `timeout` seconds.
  ///
  /// FoundationNetworking hands `timeoutInterval` to libcurl in whole seconds (0.5 becomes
  /// "no timeout") and does not always fire it, so the transport keeps its own watch.
  private func watch(_ task: URLSessionTask, timeout: TimeInterval) {
    let identifier = task.taskIdentifier
    let wait = lock.withLock { () -> TimeInterval? in
      guard let entry = pending[identifier] else { return nil }
      let now = Date()
      let idleLeft = timeout - now.timeIntervalSince(entry.lastProgress)
      let totalLeft = timeout * Self.totalTimeoutFactor - now.timeIntervalSince(entry.started)
      if idleLeft <= 0 || totalLeft <= 0 {
        pending[identifier]?.timedOut = true
        pending[identifier]?.tooSlow = idleLeft > 0
        return nil
      }
      return min(idleLeft, totalLeft)
    }
    if let wait {
      DispatchQueue.global().asyncAfter(deadline: .now() + wait) { [weak self, weak task] in
        guard let self, let task else { return }
        self.watch(task, timeout: timeout)
      }
    } else if lock.withLock({ pending[identifier]?.timedOut ?? false }) {
      task.cancel()
    }
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    let identifier = dataTask.taskIdentifier
    // Mutated in place through the dictionary: copying the entry out would copy the body.
    let overflow = lock.withLock { () -> Bool in
      guard let count = pending[identifier]?.body.count, pending[identifier]?.tooLarge == false
      else { return false }
      if count + data.count > Self.maxBodyBytes {
        pending[identifier]?.tooLarge = true
        pending[identifier]?.body = []
        return true
      }
      pending[identifier]?.body.append(contentsOf: data)
      pending[identifier]?.lastProgress = Date()
      return false
    }
    if overflow { dataTask.cancel() }
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask,
    willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
    completionHandler: @escaping @Sendable (URLRequest?) -> Void
  ) {
    // Hand the 3xx back: the client decides where credentials may go.
    completionHandler(nil)
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
    completionHandler:
      @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) ->
      Void
  ) {
    #if !canImport(FoundationNetworking)
      if insecure,
        challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust,
        let trust = challenge.protectionSpace.serverTrust
      {
        completionHandler(.useCredential, URLCredential(trust: trust))
        return
      }
    #endif
    completionHandler(.performDefaultHandling, nil)
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?
  ) {
    guard let entry = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else {
      return
    }
    if entry.timedOut {
      let total = entry.timeout * Self.totalTimeoutFactor
      let failure: TransportFailure = entry.tooSlow ? .tooSlow(seconds: total) : .timedOut
      entry.continuation.resume(returning: .failure(failure))
      return
    }
    if entry.tooLarge {
      entry.continuation.resume(returning: .failure(.tooLarge(bytes: Self.maxBodyBytes)))
      return
    }
    if let error {
      entry.continuation.resume(returning: .failure(Self.failure(from: error)))
      return
    }
    guard let http = task.response as? HTTPURLResponse else {
      entry.continuation.resume(returning: .failure(.other("the answer was not HTTP")))
      return
    }
    var headers: [String: String] = [:]
    for (name, value) in http.allHeaderFields {
      headers[String(describing: name)] = String(describing: value)
    }
    let response = HTTPResponse(status: http.statusCode, headers: headers, body: entry.body)
    entry.continuation.resume(returning: .success(response))
  }

  /// Maps a URLSession error to what the client needs to explain it.
  static func failure(from error: any Error) -> TransportFailure {
    let nsError = error as NSError
    let text = nsError.localizedDescription
    guard nsError.domain == NSURLErrorDomain else { return .other(text) }
    switch URLError.Code(rawValue: nsError.code) {
    case .cannotConnectToHost, .notConnectedToInternet:
      return .cannotConnect(text)
    case .networkConnectionLost, .badServerResponse, .zeroByteResource:
      return .connectionLost(text)
    case .cannotFindHost, .dnsLookupFailed:
      return .hostNotFound(text)
    case .timedOut:
      return .timedOut
    case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
      .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid,
      .clientCertificateRejected, .clientCertificateRequired:
      return .tls(text)
    default:
      // libcurl reports many conditions as NSURLErrorUnknown with its own text.
      let lowered = text.lowercased()
      if lowered.contains("ssl") || lowered.contains("certificate") || lowered.contains("tls") {
        return .tls(text)
      }
      if lowered.contains("transfer closed") || lowered.contains("connection reset")
        || lowered.contains("recv failure") || lowered.contains("empty reply")
      {
        return .connectionLost(text)
      }
      if lowered.contains("couldn't connect") || lowered.contains("failed to connect") {
        return .cannotConnect(text)
      }
      return .other(text)
    }
  }
}
