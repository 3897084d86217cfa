import Foundation
import KFPTestServer
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
    #expect(failure.message.contains("--ca-cert FILE"))
    #expect(failure.message.contains("--insecure"))
  }

  /// DNS is not asked here (tests reach nothing beyond loopback): every host but the test
  /// server's fails as an unknown host would.
  @Test func aRedirectToAnUnknownHostNamesThatHost() async throws {
    var serverOptions = KFPTestServer.Options(runs: TestRun.samples(count: 2))
    serverOptions.redirectTo = "http://kfp-moved.example:8888/pipeline"
    let server = try KFPTestServer(serverOptions)
    defer { server.stop() }
    let transport = LoopbackOnlyTransport(HTTPClientTransport())
    let result = await KFPServerSource(
      options: testOptions(server.baseURL), transport: transport, sleep: SleepRecorder().sleep
    ).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("The host kfp-moved.example, where "))
    #expect(failure.message.contains("redirected"))
    #expect(!failure.message.contains("The host 127.0.0.1"))
    #expect(transport.refusedHosts == ["kfp-moved.example"])
  }

  @Test func anUnknownBaseHostIsNamedWithoutARedirect() async throws {
    let transport = LoopbackOnlyTransport(HTTPClientTransport())
    let options = testOptions(URL(string: "http://kfp-typo.example:8888")!)
    let result = await KFPServerSource(
      options: options, transport: transport, sleep: SleepRecorder().sleep
    ).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("The host kfp-typo.example was not found"))
    #expect(failure.message.contains("check the URL"))
    #expect(!failure.message.contains("redirect"))
  }

  @Test func aFailureDetailNeverCarriesTheToken() async throws {
    let (result, _) = await load(.other("proxy said: Authorization: Bearer \(token)"))
    let failure = try #require(result.sourceFailure)
    #expect(!failure.message.contains(token))
    #expect(failure.message.contains("[redacted]"))
  }
}
