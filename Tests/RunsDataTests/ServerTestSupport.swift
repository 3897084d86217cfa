import Foundation
import KFPTestServer
import RunsCore
import RunsData

/// Records the waits between retries instead of sleeping, so retry tests take no time.
actor SleepRecorder {
  private(set) var delays: [TimeInterval] = []

  func record(_ seconds: TimeInterval) {
    delays.append(seconds)
  }

  /// A sleep function for `KFPServerSource` that only records.
  nonisolated var sleep: @Sendable (TimeInterval) async -> Void {
    { seconds in await self.record(seconds) }
  }
}

/// Counts what goes through a real transport, and can refuse to connect.
final class CountingTransport: HTTPTransport, @unchecked Sendable {
  private let inner: any HTTPTransport
  private let lock = NSLock()
  private var sent: [HTTPRequest] = []

  init(_ inner: any HTTPTransport = URLSessionTransport()) {
    self.inner = inner
  }

  var requests: [HTTPRequest] { lock.withLock { sent } }

  func send(_ request: HTTPRequest) async throws(TransportFailure) -> HTTPResponse {
    lock.withLock { sent.append(request) }
    return try await inner.send(request)
  }
}

/// Options for tests (the v1beta1 API unless `api` says otherwise): three tries with tiny backoff; a timeout short enough for a test, long
/// enough that a busy machine (a sanitized build beside other work) does not trip it.
func testOptions(
  _ base: URL, token: String? = nil, cookie: String? = nil, namespace: String? = nil,
  experiment: String? = nil, limit: Int? = nil, timeout: TimeInterval = 10,
  api: KFPAPIChoice = .v1
) -> KFPServerOptions {
  var options = KFPServerOptions(
    baseURL: base, token: token, cookie: cookie, namespace: namespace, experiment: experiment,
    limit: limit, timeout: timeout, retry: RetryPolicy(attempts: 3, backoff: 0.001, maxDelay: 0.01))
  // The v1 suites count their requests; `auto` adds a healthz request (ServerV2Tests).
  options.api = api
  return options
}

/// A source over the real URLSession transport with recorded (not slept) retry waits.
func testSource(_ options: KFPServerOptions, sleeps: SleepRecorder = SleepRecorder())
  -> KFPServerSource
{
  KFPServerSource(options: options, transport: URLSessionTransport(), sleep: sleeps.sleep)
}

/// Every text a problem shows.
func texts(_ problems: [Problem]) -> String {
  problems.map(\.line).joined(separator: "\n")
}

/// The runs requests the server saw (healthz and experiments excluded).
func runRequests(_ server: KFPTestServer) -> [RecordedRequest] {
  server.requests.filter { $0.path.hasSuffix("/runs") }
}
