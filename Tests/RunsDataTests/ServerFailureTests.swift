import Foundation
import KFPTestServer
import RunsCore
import RunsData
import Testing

@Suite struct ServerFailureTests {
  @Test func connectionRefusedIsRetriedThenNamesTheURL() async throws {
    let refusing = try RefusingPort()
    let base = refusing.baseURL
    let transport = CountingTransport()
    let sleeps = SleepRecorder()
    let source = KFPServerSource(
      options: testOptions(base), transport: transport, sleep: sleeps.sleep)
    let result = await source.load()
    #expect(transport.requests.count == 3)
    #expect(await sleeps.delays.count == 2)
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("Could not connect to \(base.absoluteString)"))
    #expect(failure.message.contains("tried 3 times"))
    #expect(failure.location.hasPrefix(base.absoluteString + "/apis/v1beta1/runs"))
    #expect(result.problems == [failure])
    #expect(result.runs.isEmpty)
  }

  @Test func transient503sAreRetriedWithBackoff() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 10))
    options.script = [
      1: .apiError(status: 503, message: "upstream connect error"),
      2: .html(status: 503, title: "503 Service Temporarily Unavailable"),
    ]
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let sleeps = SleepRecorder()
    let policy = RetryPolicy(attempts: 3, backoff: 0.25, maxDelay: 10)
    var serverOptions = testOptions(server.baseURL)
    serverOptions.retry = policy
    let result = await testSource(serverOptions, sleeps: sleeps).load()
    #expect(result.runs.count == 10)
    #expect(result.problems.isEmpty)
    #expect(runRequests(server).count == 3)
    #expect(await sleeps.delays == [0.25, 0.5])
  }

  @Test func retryAfterIsHonouredButCapped() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    options.script = [
      1: .tooManyRequests(retryAfter: "2"), 2: .tooManyRequests(retryAfter: "3600"),
    ]
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let sleeps = SleepRecorder()
    var serverOptions = testOptions(server.baseURL)
    serverOptions.retry = RetryPolicy(attempts: 3, backoff: 0.1, maxDelay: 5)
    let result = await testSource(serverOptions, sleeps: sleeps).load()
    #expect(result.runs.count == 3)
    #expect(await sleeps.delays == [2, 5])
  }

  @Test func threeHTML502sGiveUpWithAProxyMessage() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    options.intercept = { _ in .html(status: 502, title: "502 Bad Gateway") }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    #expect(server.requests.count == 3)
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("HTTP 502 Bad Gateway"))
    #expect(failure.message.contains("an HTML page \"502 Bad Gateway\""))
    #expect(failure.message.contains("tried 3 times"))
    #expect(failure.message.contains("retry later"))
  }

  @Test func laterPageFailureKeepsTheRunsAlreadyLoaded() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 450))
    options.script = [2: .apiError(status: 500, message: "Internal error: database is locked")]
    let server = try KFPTestServer(options)
    defer { server.stop() }
    var batches: [LoadResult] = []
    let result = await testSource(testOptions(server.baseURL)).load { batch, _, _ in
      batches.append(batch)
    }
    #expect(result.runs.count == 200)
    #expect(result.sourceFailure == nil)
    let problem = try #require(result.problems.first)
    #expect(
      problem.message.contains("HTTP 500 Internal Server Error: Internal error: database is locked")
    )
    #expect(problem.message.contains("Kept the 200 loaded before page 2 failed"))
    #expect(batches.last?.problems == [problem])
    #expect(runRequests(server).count == 2)
  }

  @Test func notFoundWithoutJSONSuggestsThePipelinePrefix() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    options.pathPrefix = "/pipeline"
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let bare = URL(string: "http://127.0.0.1:\(server.port)")!
    let result = await testSource(testOptions(bare)).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("HTTP 404"))
    #expect(failure.message.contains("Try http://127.0.0.1:\(server.port)/pipeline"))
    #expect(server.requests.count == 1)

    let prefixed = await testSource(testOptions(server.baseURL)).load()
    #expect(prefixed.runs.count == 3)
    #expect(server.requests.last?.path == "/pipeline/apis/v1beta1/runs")
  }

  @Test func theServersJSONErrorMessageIsShown() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    options.multiUser = true
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    let failure = try #require(result.sourceFailure)
    #expect(
      failure.message.contains("HTTP 400 Bad Request: Invalid input error: ListRuns must filter"))
    #expect(failure.message.contains("--namespace"))
    #expect(server.requests.count == 1)
  }

  @Test func htmlInsteadOfJSONPointsAtTheBaseURL() async throws {
    var options = KFPTestServer.Options()
    options.intercept = { _ in .html(status: 200, title: "Kubeflow Central Dashboard") }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("HTML page (\"Kubeflow Central Dashboard\")"))
    #expect(failure.message.contains("/pipeline"))
  }

  @Test func aTruncatedBodyWithItsFullLengthIsRetried() async throws {
    let runs = TestRun.samples(count: 4)
    let full = "{\"runs\":[" + runs.map(\.json).joined(separator: ",") + "],\"total_size\":4}"
    var options = KFPTestServer.Options(runs: runs)
    options.script = [1: HTTPReply.json(full).truncated(after: 100)]
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    #expect(result.runs.count == 4)
    #expect(result.problems.isEmpty)
    #expect(server.requests.count == 2)
  }

  @Test func aBodyCutOffByTheCloseIsReportedAsEndedEarly() async throws {
    let runs = TestRun.samples(count: 4)
    let full = "{\"runs\":[" + runs.map(\.json).joined(separator: ",") + "],\"total_size\":4}"
    var options = KFPTestServer.Options(runs: runs)
    options.intercept = { _ in HTTPReply.json(full).truncated(after: 100, declareLength: false) }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("ended early"))
    #expect(failure.message.contains("line 1:"))
    #expect(result.runs.isEmpty)
  }

  @Test func aSlowServerTimesOutNamingTheURL() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    options.intercept = { _ in HTTPReply.json("{}").delayed(30) }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    // The server would answer after 30 s; a timeout problem means the client stopped waiting.
    // (No wall-clock assertion: other tests share the machine and the thread pool.)
    let result = await testSource(testOptions(server.baseURL, timeout: 0.5)).load()
    let failure = try #require(result.sourceFailure)
    #expect(
      failure.message.contains("No answer from \(server.baseURL.absoluteString) within 0.5 seconds")
    )
    #expect(server.requests.count == 1)
  }

  @Test func aDroppedConnectionIsRetried() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 2))
    options.script = [1: .dropped]
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    #expect(result.runs.count == 2)
    #expect(server.requests.count == 2)
  }

  @Test func controlCharactersInServerMessagesNeverSurvive() async throws {
    var options = KFPTestServer.Options()
    options.intercept = { _ in
      .apiError(status: 500, message: "bad \u{1B}[31mred\u{1B}[0m\nnext line")
    }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    let failure = try #require(result.sourceFailure)
    #expect(!failure.message.contains("\u{1B}"))
    #expect(!failure.message.contains("\n"))
    #expect(failure.message.contains("red"))
  }

  @Test func retryPolicyDelays() {
    let policy = RetryPolicy(attempts: 3, backoff: 0.5, maxDelay: 10)
    #expect(policy.delay(afterAttempt: 1, retryAfter: nil) == 0.5)
    #expect(policy.delay(afterAttempt: 2, retryAfter: nil) == 1)
    #expect(policy.delay(afterAttempt: 1, retryAfter: 30) == 10)
    #expect(RetryPolicy.retryAfterSeconds("7") == 7)
    #expect(RetryPolicy.retryAfterSeconds("soon") == nil)
    let now = Date(timeIntervalSince1970: 1_767_225_600)
    #expect(RetryPolicy.retryAfterSeconds("Thu, 01 Jan 2026 00:00:30 GMT", now: now) == 30)
  }
}
