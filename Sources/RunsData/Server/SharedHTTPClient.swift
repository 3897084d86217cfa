import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// The process's one `HTTPClient` and its event loop, created by the first server request.
///
/// A directory, a JSON file or the demo runs never reach it, so they start no thread and no
/// event loop. `shutdown()` closes the connections and ends the loop's thread before the
/// process exits (a client must not be dropped running).
public enum SharedHTTPClient {
  private struct Running {
    var client: HTTPClient
    var group: MultiThreadedEventLoopGroup
  }

  private static let lock = NSLock()
  // Guarded by `lock`.
  nonisolated(unsafe) private static var running: Running?

  /// The client, created on first use (again after a `shutdown()`).
  static func client() -> HTTPClient {
    lock.withLock {
      if let running { return running.client }
      // One thread is plenty: the requests are few and their bodies small next to parsing them.
      let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
      var configuration = HTTPClient.Configuration()
      // The caller follows redirects itself, to keep credentials on the base's origin.
      configuration.redirectConfiguration = .disallow
      // Each request has its own timeout (see `HTTPClientTransport`), the connection included.
      configuration.timeout = .init(connect: .hours(1))
      // A refused connection fails at once; the caller decides about retrying.
      configuration.connectionPool.retryConnectionEstablishment = false
      let client = HTTPClient(
        eventLoopGroupProvider: .shared(group), configuration: configuration)
      running = Running(client: client, group: group)
      return client
    }
  }

  /// Whether the client exists (a server was asked since the start or the last shutdown).
  public static var isRunning: Bool { lock.withLock { running != nil } }

  /// Closes the client's connections and ends its event loop; nothing when it never started.
  public static func shutdown() async {
    guard
      let stopping = lock.withLock({ () -> Running? in
        defer { running = nil }
        return running
      })
    else { return }
    try? await stopping.client.shutdown()
    try? await stopping.group.shutdownGracefully()
  }
}
