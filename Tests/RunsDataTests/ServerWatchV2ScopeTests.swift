import Foundation
import KFPTestServer
import RunsCore
import Testing

@testable import RunsData

/// What a watch of a KFP 2.x server asks: v2beta1 in the load's scope (`experiment_id`,
/// `namespace`, not v1's resource reference keys), names as the load gave them.
@Suite struct ServerWatchV2ScopeTests {
  static let experiments = ServerScopeTests.experiments

  private func server() throws -> KFPTestServer {
    var options = KFPTestServer.Options(
      runs: TestRun.samples(count: 12, experiments: Self.experiments),
      experiments: Self.experiments)
    options.servesV2 = true
    return try KFPTestServer(options)
  }

  private func watch(_ server: KFPTestServer, experiment: String? = nil, namespace: String? = nil)
    -> ServerWatch
  {
    let source = KFPServerSource(
      options: testOptions(
        server.baseURL, namespace: namespace, experiment: experiment, api: .auto),
      transport: HTTPClientTransport(), sleep: SleepRecorder().sleep,
      metricsReader: FakeMetricsReader())
    return ServerWatch(source: source, interval: 10)
  }

  private func newRun(experiment: TestExperiment) -> TestRun {
    TestRun(
      id: "run-new", name: "new run", status: "Running", createdAt: 1_767_225_600 + 60,
      finishedAt: nil, experimentID: experiment.id, experimentName: experiment.name,
      namespace: experiment.namespace, pipelineName: "train-pipeline", metrics: [])
  }

  @Test func pollsAskV2BetaOneInTheExperimentOfTheLoad() async throws {
    let server = try server()
    defer { server.stop() }
    let watch = watch(server, experiment: "baseline")
    let loaded = await watch.start()
    #expect(loaded.runs.count == 4)
    #expect(watch.apiVersion == .v2)
    let before = server.requests.count
    server.setRuns(
      [newRun(experiment: Self.experiments[0])]
        + TestRun.samples(count: 12, experiments: Self.experiments))
    let update = await watch.poll()
    #expect(update.changes.map(\.kind) == [.added])
    let added = try #require(update.replaced.first)
    #expect(added.experiment?.name == "baseline" && added.pipeline == "train-pipeline")
    #expect(added.value(of: "accuracy") == FakeMetricsReader.accuracy("run-new")?.metrics[0].value)
    let page = try #require(server.requests.dropFirst(before).first)
    #expect(page.path == "/apis/v2beta1/runs")
    #expect(page.query["experiment_id"] == Self.experiments[0].id)
    #expect(page.query["sort_by"] == "created_at desc")
    #expect(page.query["resource_reference_key.id"] == nil)
    // The pipeline's name was looked up by the load; the poll reuses it.
    #expect(server.requests.dropFirst(before).allSatisfy { !$0.path.contains("/pipelines/") })
    // The new run is running: the next poll asks for it through v2beta1.
    let next = server.requests.count
    _ = await watch.poll()
    #expect(server.requests.dropFirst(next).map(\.path).contains("/apis/v2beta1/runs/run-new"))
  }

  @Test func pollsAskV2BetaOneInTheNamespaceOfTheLoad() async throws {
    let server = try server()
    defer { server.stop() }
    let watch = watch(server, namespace: "team-b")
    _ = await watch.start()
    let before = server.requests.count
    _ = await watch.poll()
    let page = try #require(server.requests.dropFirst(before).first)
    #expect(page.path == "/apis/v2beta1/runs")
    #expect(page.query["namespace"] == "team-b")
    #expect(page.query["resource_reference_key.type"] == nil)
  }
}
