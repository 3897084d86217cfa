import Foundation
import KFPTestServer
import RunsData
import Testing

/// A server that answers, then sends its body a byte at a time, forever (SPEC §8: a hostile
/// server ends in a clear problem within bounded time).
@Suite struct ServerTrickleTests {
  @Test func aBodyTrickledForeverEndsInAClearTimeout() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    // A byte every 50 ms: the connection is never idle for the 0.3 s timeout.
    options.intercept = { _ in HTTPReply.json("{\"runs\": []}").trickled(every: 0.05) }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let started = Date()
    let result = await testSource(testOptions(server.baseURL, timeout: 0.3)).load()
    let seconds = Date().timeIntervalSince(started)
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains(server.baseURL.absoluteString), "\(failure.message)")
    #expect(failure.message.contains("did not finish within 3 seconds"), "\(failure.message)")
    #expect(result.runs.isEmpty)
    // A timeout is not retried: another try would trickle just the same.
    #expect(server.requests.count == 1)
    // The whole request is bounded (10 × the timeout); the margin is for a busy machine.
    #expect(seconds < 30)
  }
}
