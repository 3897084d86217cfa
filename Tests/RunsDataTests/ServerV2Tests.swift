import Foundation
import KFPTestServer
import RunsCore
import RunsData
import Testing

/// A KFP 2.x server: `--api auto` finds v2beta1 through its healthz, runs come from
/// `/apis/v2beta1/runs` with experiment and pipeline names looked up.
@Suite struct ServerV2Tests {
  static let experiments = ServerScopeTests.experiments

  func server(multiUser: Bool = false, servesV2: Bool = true) throws -> KFPTestServer {
    var options = KFPTestServer.Options(
      runs: TestRun.samples(count: 60, experiments: Self.experiments),
      experiments: Self.experiments)
    options.multiUser = multiUser
    options.servesV2 = servesV2
    return try KFPTestServer(options)
  }

  func v2Requests(_ server: KFPTestServer, _ suffix: String) -> [RecordedRequest] {
    server.requests.filter { $0.path.contains("/apis/v2beta1/") && $0.path.hasSuffix(suffix) }
  }

  @Test func autoFindsTheV2APIAndReadsItsRuns() async throws {
    let server = try server()
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL, api: .auto)).load()
    #expect(server.requests.first?.path == "/apis/v2beta1/healthz")
    #expect(server.requests.allSatisfy { !$0.path.contains("v1beta1") })
    #expect(result.runs.count == 60)
    #expect(result.sourceFailure == nil)
    let first = try #require(result.runs.first)
    #expect(first.id == "run-00000")
    #expect(first.experiment?.name == "baseline")
    #expect(first.pipeline == "train-pipeline")
    #expect(first.parameters.map(\.value) == ["0.01", "1"])
    #expect(first.metrics.isEmpty)
    #expect(result.runs.first { $0.status == .running }?.finishedAt == nil)
    #expect(Set(result.experiments.map(\.name)) == ["baseline", "tuning", "other"])
    // One pipeline, looked up once.
    #expect(v2Requests(server, "/pipelines/pl-train-pipeline").count == 1)
    let runs = try #require(v2Requests(server, "/runs").first)
    #expect(runs.query["sort_by"] == "created_at desc")
    #expect(runs.query["page_size"] == "200")
  }

  @Test func autoOnAV1ServerFallsBackToV1() async throws {
    let server = try server(servesV2: false)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL, api: .auto)).load()
    #expect(server.requests.first?.path == "/apis/v2beta1/healthz")
    #expect(result.runs.count == 60)
    #expect(result.problems.isEmpty)
    #expect(result.runs[0].metric(named: "accuracy-score") != nil)
  }

  @Test func apiV1OnAV2ServerAsksNoHealthz() async throws {
    let server = try server()
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL, api: .v1)).load()
    #expect(server.requests.allSatisfy { $0.path.contains("v1beta1") })
    #expect(result.runs.count == 60)
  }

  @Test func anExperimentNameScopesByExperimentID() async throws {
    let server = try server()
    defer { server.stop() }
    let options = testOptions(server.baseURL, experiment: "tuning", api: .v2)
    let result = await testSource(options).load()
    #expect(result.runs.count == 20)
    #expect(result.runs.allSatisfy { $0.experiment?.name == "tuning" })
    let runs = try #require(v2Requests(server, "/runs").first)
    #expect(runs.query["experiment_id"] == Self.experiments[1].id)
    #expect(runs.query["namespace"] == nil)
  }

  @Test func aNamespaceScopesRunsAndExperiments() async throws {
    let server = try server(multiUser: true)
    defer { server.stop() }
    let options = testOptions(server.baseURL, namespace: "team-b", api: .v2)
    let result = await testSource(options).load()
    #expect(result.sourceFailure == nil)
    #expect(result.runs.count == 20)
    #expect(result.runs.allSatisfy { $0.experiment?.name == "other" })
    #expect(v2Requests(server, "/runs").first?.query["namespace"] == "team-b")
    #expect(v2Requests(server, "/experiments").first?.query["namespace"] == "team-b")
  }

  @Test func multiUserWithoutANamespaceSaysSo() async throws {
    let server = try server(multiUser: true)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL, api: .v2)).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("multi-user"))
  }

  @Test func v2PagesThatNeverEndStop() async throws {
    let runs = TestRun.samples(count: 3).map(\.v2JSON)
    let counter = Counter()
    var options = KFPTestServer.Options()
    options.servesV2 = true
    options.intercept = { request in
      guard request.path.hasSuffix("/runs") else { return nil }
      return ServerEndlessPagingTests.endlessPage(
        "runs", items: runs, total: 3, counter: counter)
    }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL, api: .v2)).load()
    #expect(result.runs.count == 3)
    #expect(v2Requests(server, "/runs").count == 2)
    #expect(result.problems.last?.message.contains("no new runs") == true)
  }

  @Test func anUnreachableServerIsOneFailureWithoutAskingV1() async throws {
    let server = try server()
    let base = server.baseURL
    server.stop()
    let transport = CountingTransport()
    let source = KFPServerSource(
      options: testOptions(base, api: .auto), transport: transport,
      sleep: SleepRecorder().sleep)
    let result = await source.load()
    #expect(result.sourceFailure != nil)
    #expect(transport.requests.allSatisfy { $0.url.path.contains("v2beta1/healthz") })
  }
}
