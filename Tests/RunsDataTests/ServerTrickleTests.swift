import Foundation
import KFPTestServer
import RunsData
import Testing

/// A server that answers, then sends its body a byte at a time, forever (SPEC §8: a hostile
/// server ends in a clear problem within bounded time).
@Suite struct ServerTrickleTests {
  // Without the client's total limit the server would trickle until the time limit.
  @Test(.timeLimit(.minutes(5)))
  func aBodyTrickledForeverEndsInAClearTimeout() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    // A byte every 20 ms: the connection is never idle for the 1 s timeout.
    options.intercept = { _ in HTTPReply.json("{\"runs\": []}").trickled(every: 0.02) }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let started = Date()
    let result = await testSource(testOptions(server.baseURL, timeout: 1)).load()
    let seconds = Date().timeIntervalSince(started)
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains(server.baseURL.absoluteString), "\(failure.message)")
    #expect(failure.message.contains("did not finish within 10 seconds"), "\(failure.message)")
    #expect(result.runs.isEmpty)
    // A timeout is not retried: another try would trickle just the same.
    #expect(server.requests.count == 1)
    // The total limit (10 × the timeout) ended it, as the message says; no wall-clock
    // assertion, since a busy machine can starve the test far beyond that.
    print("hostile: a trickling server was given up on after \(seconds) s")
  }
}
