import Foundation
import RunsCore
import RunsData
import Testing

/// A transport that fails every request the same way, counting them.
final class FailingTransport: HTTPTransport, @unchecked Sendable {
  private let failure: TransportFailure
  private let lock = NSLock()
  private var count = 0

  init(_ failure: TransportFailure) {
    self.failure = failure
  }

  var requests: Int { lock.withLock { count } }

  func send(_ request: HTTPRequest) async throws(TransportFailure) -> HTTPResponse {
    lock.withLock { count += 1 }
    throw failure
  }
}

@Suite struct ServerTransportFailureTests {
  let base = URL(string: "https://kubeflow.example/pipeline")!
  let token = "transport-secret-token-42"

  func load(_ failure: TransportFailure) async -> (LoadResult, Int) {
    let options = testOptions(base, token: token)
    let transport = FailingTransport(failure)
    let result = await KFPServerSource(
      options: options, transport: transport, sleep: SleepRecorder().sleep
    ).load()
    return (result, transport.requests)
  }

  @Test func anUnknownHostIsNotRetried() async throws {
    let (result, requests) = await load(.hostNotFound("Could not resolve host"))
    #expect(requests == 1)
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("The host kubeflow.example was not found"))
    #expect(failure.message.contains("check the URL"))
  }

  @Test func aBrokenConnectionIsRetriedThreeTimes() async throws {
    let (result, requests) = await load(.connectionLost("Recv failure: Connection reset by peer"))
    #expect(requests == 3)
    #expect(result.sourceFailure?.message.contains("broke before the answer was complete") == true)
  }

  @Test func tlsFailuresSayWhatToDo() async throws {
    let (result, requests) = await load(.tls("SSL certificate problem: self-signed certificate"))
    #expect(requests == 1)
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("TLS with kubeflow.example failed"))
    #expect(failure.message.contains("self-signed certificate"))
    #expect(failure.message.contains("update-ca-certificates"))
    if URLSessionTransport.canSkipCertificateVerification {
      #expect(failure.message.contains("pass --insecure"))
    } else {
      #expect(failure.message.contains("--insecure cannot skip verification on Linux"))
    }
  }

  @Test func aFailureDetailNeverCarriesTheToken() async throws {
    let (result, _) = await load(.other("proxy said: Authorization: Bearer \(token)"))
    let failure = try #require(result.sourceFailure)
    #expect(!failure.message.contains(token))
    #expect(failure.message.contains("[redacted]"))
  }
}
