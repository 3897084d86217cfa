import Foundation
import KFPTestServer
import RunsCore
import RunsData
import Testing

/// Servers whose pages never end: each page brings a new token, but the same runs again, or
/// fresh runs forever while `total_size` says there are few. Paging stops with a problem and
/// keeps what was loaded.
@Suite struct ServerEndlessPagingTests {
  /// A page of `runs` with a fresh token every time.
  static func endlessPage(_ key: String, items: [String], total: Int?, counter: Counter)
    -> HTTPReply
  {
    .json(
      WireJSON.object([
        (key, WireJSON.array(items)),
        ("total_size", total.map { "\($0)" }),
        ("next_page_token", WireJSON.quote("token-\(counter.next())")),
      ]))
  }

  @Test func theSameRunsAgainStopAfterThePageThatAddsNothing() async throws {
    let runs = TestRun.samples(count: 3).map(\.json)
    let counter = Counter()
    var options = KFPTestServer.Options()
    options.intercept = { _ in Self.endlessPage("runs", items: runs, total: 3, counter: counter) }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    #expect(runRequests(server).count == 2)
    #expect(result.runs.map(\.id) == ["run-00000", "run-00001", "run-00002"])
    let problem = try #require(result.problems.last)
    #expect(problem.severity == .error)
    #expect(problem.message.contains("no new runs"))
    #expect(problem.message.contains("kept the 3 loaded"))
    #expect(result.sourceFailure == nil)
  }

  @Test func freshRunsBeyondTheTotalStopWithAProblem() async throws {
    let counter = Counter()
    var options = KFPTestServer.Options()
    options.intercept = { request in
      let page = Int(request.query["page_token"]?.dropFirst("token-".count) ?? "0") ?? 0
      let runs = (0..<5).map {
        TestRun(id: "run-\(page)-\($0)", name: "run \(page)-\($0)", createdAt: 1_767_225_600).json
      }
      return Self.endlessPage("runs", items: runs, total: 5, counter: counter)
    }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    // The server says 5; a page's worth more is allowed for runs created while paging.
    #expect(runRequests(server).count < 50)
    #expect(result.runs.count > 5)
    #expect(Set(result.runs.map(\.id)).count == result.runs.count)
    let problem = try #require(result.problems.last)
    #expect(problem.severity == .error)
    #expect(problem.message.contains("said it has 5"))
    #expect(result.sourceFailure == nil)
  }

  @Test func freshRunsWithoutATotalStopAtThePageCap() async throws {
    let counter = Counter()
    var options = KFPTestServer.Options()
    options.intercept = { _ in
      let number = counter.next()
      let run = TestRun(id: "run-\(number)", name: "run \(number)", createdAt: 1_767_225_600)
      return .json(
        WireJSON.object([
          ("runs", WireJSON.array([run.json])),
          ("next_page_token", WireJSON.quote("token-\(number)")),
        ]))
    }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    var serverOptions = testOptions(server.baseURL)
    serverOptions.pageCap = 25
    let result = await testSource(serverOptions).load()
    #expect(runRequests(server).count == 25)
    #expect(result.runs.count == 25)
    let problem = try #require(result.problems.last)
    #expect(problem.message.contains("25 pages"))
    #expect(KFPServerOptions(baseURL: server.baseURL).pageCap == KFPServerOptions.defaultPageCap)
  }

  @Test func theSameExperimentsAgainStop() async throws {
    let experiments = [
      TestExperiment(id: "e1", name: "first"), TestExperiment(id: "e2", name: "second"),
    ].map(\.json)
    let counter = Counter()
    var options = KFPTestServer.Options()
    options.intercept = { request in
      guard request.path.hasSuffix("/experiments") else { return nil }
      return Self.endlessPage("experiments", items: experiments, total: 2, counter: counter)
    }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).listExperiments()
    #expect(server.requests.count == 2)
    #expect(result.experiments.map(\.id) == ["e1", "e2"])
    #expect(result.problems.last?.message.contains("no new experiments") == true)
  }

  @Test func freshExperimentsBeyondTheTotalStop() async throws {
    let counter = Counter()
    var options = KFPTestServer.Options()
    options.intercept = { request in
      guard request.path.hasSuffix("/experiments") else { return nil }
      let number = counter.next()
      let experiment = TestExperiment(id: "e\(number)", name: "experiment \(number)").json
      return .json(
        WireJSON.object([
          ("experiments", WireJSON.array([experiment])), ("total_size", "1"),
          ("next_page_token", WireJSON.quote("token-\(number)")),
        ]))
    }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).listExperiments()
    #expect(server.requests.count < 250)
    #expect(result.problems.last?.message.contains("said it has 1") == true)
  }

  @Test func aRunRepeatedByShiftingPagesIsKeptOnce() async throws {
    // A run created while paging shifts the offsets: the next page starts with the last run of
    // the page before. That run is the same run, kept once, and paging goes on.
    let runs = TestRun.samples(count: 4).map(\.json)
    var options = KFPTestServer.Options()
    options.script = [
      1: .json(
        WireJSON.object([
          ("runs", WireJSON.array(Array(runs[0..<2]))), ("total_size", "4"),
          ("next_page_token", "\"a\""),
        ])),
      2: .json(
        WireJSON.object([("runs", WireJSON.array(Array(runs[1..<4]))), ("total_size", "4")])),
    ]
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    #expect(result.runs.map(\.id) == ["run-00000", "run-00001", "run-00002", "run-00003"])
    #expect(result.problems.isEmpty)
  }
}
