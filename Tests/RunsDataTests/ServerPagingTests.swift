import Foundation
import KFPTestServer
import RunsCore
import RunsData
import Testing

@Suite struct ServerPagingTests {
  @Test func followsPageTokensAndDeliversEachPage() async throws {
    let server = try KFPTestServer(.init(runs: TestRun.samples(count: 450)))
    defer { server.stop() }
    var pages: [(count: Int, loaded: Int, total: Int?)] = []
    let result = await testSource(testOptions(server.baseURL)).load { batch, loaded, total in
      pages.append((batch.runs.count, loaded, total))
    }
    #expect(result.runs.count == 450)
    #expect(result.problems.isEmpty)
    #expect(result.sourceFailure == nil)
    #expect(pages.map(\.count) == [200, 200, 50])
    #expect(pages.map(\.loaded) == [200, 400, 450])
    #expect(pages.allSatisfy { $0.total == 450 })
    let requests = runRequests(server)
    #expect(requests.count == 3)
    #expect(requests.allSatisfy { $0.query["page_size"] == "200" })
    #expect(requests.allSatisfy { $0.query["sort_by"] == "created_at desc" })
    #expect(requests[0].target.contains("sort_by=created_at%20desc"))
    #expect(requests[0].query["page_token"] == nil)
    #expect(requests[1].query["page_token"] != nil)
  }

  @Test func runsArriveNewestFirstWithTheirMetrics() async throws {
    let runs = TestRun.samples(count: 30)
    let server = try KFPTestServer(.init(runs: runs.reversed()))
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    #expect(result.runs.map(\.id) == runs.map(\.id))
    let first = try #require(result.runs.first)
    #expect(first.metric(named: "accuracy-score")?.format == .percentage)
    #expect(first.value(of: "accuracy-score") == runs[0].metrics[0].value)
    #expect(first.value(of: "loss") == runs[0].metrics[1].value)
    #expect(first.metric(named: "f1")?.format == .unspecified)
    #expect(result.runs[1].value(of: "loss") == nil)
    #expect(first.parameters.first?.name == "learning_rate")
    let running = try #require(result.runs.first { $0.status == .running })
    #expect(running.finishedAt == nil)
  }

  @Test func emptyServerLoadsNothingWithoutProblems() async throws {
    let server = try KFPTestServer(.init())
    defer { server.stop() }
    var calls = 0
    let result = await testSource(testOptions(server.baseURL)).load { _, loaded, total in
      calls += 1
      #expect(loaded == 0)
      #expect(total == nil)
    }
    #expect(result.runs.isEmpty)
    #expect(result.problems.isEmpty)
    #expect(result.sourceFailure == nil)
    #expect(calls == 1)
  }

  @Test func limitStopsAfterNRunsAndSaysHowManyThereAre() async throws {
    let server = try KFPTestServer(.init(runs: TestRun.samples(count: 450)))
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL, limit: 250)).load()
    #expect(result.runs.count == 250)
    let requests = runRequests(server)
    #expect(requests.map { $0.query["page_size"] } == ["200", "50"])
    let note = try #require(result.problems.first)
    #expect(note.severity == .warning)
    #expect(note.message.contains("250 of 450"))
    #expect(result.sourceFailure == nil)
  }

  @Test func limitAboveTheTotalAddsNoNote() async throws {
    let server = try KFPTestServer(.init(runs: TestRun.samples(count: 5)))
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL, limit: 10)).load()
    #expect(result.runs.count == 5)
    #expect(result.problems.isEmpty)
  }

  @Test func aRepeatedPageTokenStopsWithAProblem() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 1000))
    options.repeatPageToken = true
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    #expect(runRequests(server).count == 2)
    #expect(result.runs.count == 400)
    let problem = try #require(result.problems.last)
    #expect(problem.severity == .error)
    #expect(problem.message.contains("already given"))
    #expect(result.sourceFailure == nil)
  }

  @Test func emptyPagesThatKeepPointingOnStop() async throws {
    let counter = Counter()
    var options = KFPTestServer.Options()
    options.intercept = { _ in
      .json("{\"next_page_token\":\"token-\(counter.next())\",\"total_size\":5}")
    }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    #expect(server.requests.count == 3)
    #expect(result.problems.last?.message.contains("empty pages") == true)
  }

  @Test func testServerPagesLikeTheRealServer() async throws {
    let server = try KFPTestServer(.init(runs: TestRun.samples(count: 250)))
    defer { server.stop() }
    let transport = HTTPClientTransport()
    func count(_ pageSize: String) async throws -> Int {
      let url = URL(string: "\(server.baseURL)/apis/v1beta1/runs?page_size=\(pageSize)")!
      let response = try await transport.send(HTTPRequest(url: url))
      let json = try JSONParser.parse(response.body)
      return json["runs"]?.arrayValue?.count ?? -1
    }
    #expect(try await count("0") == 20)
    #expect(try await count("500") == 200)
    #expect(try await count("7") == 7)
  }
}

/// A thread-safe counter for intercept closures.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func next() -> Int {
    lock.withLock {
      value += 1
      return value
    }
  }
}
