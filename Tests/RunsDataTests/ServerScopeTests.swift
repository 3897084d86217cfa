import Foundation
import KFPTestServer
import RunsCore
import RunsData
import Testing

@Suite struct ServerScopeTests {
  static let experiments = [
    TestExperiment(
      id: "6f1d8a34-1111-4c55-9a00-000000000001", name: "baseline", namespace: "team-a"),
    TestExperiment(id: "6f1d8a34-2222-4c55-9a00-000000000002", name: "tuning", namespace: "team-a"),
    TestExperiment(id: "6f1d8a34-3333-4c55-9a00-000000000003", name: "other", namespace: "team-b"),
  ]

  func server(multiUser: Bool = false) throws -> KFPTestServer {
    var options = KFPTestServer.Options(
      runs: TestRun.samples(count: 60, experiments: Self.experiments),
      experiments: Self.experiments)
    options.multiUser = multiUser
    return try KFPTestServer(options)
  }

  @Test func anExperimentNameIsResolvedToItsID() async throws {
    let server = try server()
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL, experiment: "tuning")).load()
    #expect(result.runs.count == 20)
    #expect(result.runs.allSatisfy { $0.experiment?.name == "tuning" })
    #expect(result.experiments.map(\.name) == ["tuning"])
    let runs = try #require(runRequests(server).first)
    #expect(runs.query["resource_reference_key.type"] == "EXPERIMENT")
    #expect(runs.query["resource_reference_key.id"] == Self.experiments[1].id)
    #expect(server.requests.first?.path.hasSuffix("/experiments") == true)
  }

  @Test func anExperimentIDIsUsedDirectly() async throws {
    let server = try server()
    defer { server.stop() }
    let id = Self.experiments[0].id
    let result = await testSource(testOptions(server.baseURL, experiment: id)).load()
    #expect(result.runs.count == 20)
    #expect(runRequests(server).first?.query["resource_reference_key.id"] == id)
    #expect(result.experiments.first?.name == "baseline")
  }

  @Test func anUnknownExperimentListsTheKnownOnes() async throws {
    let server = try server()
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL, experiment: "nope")).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("no experiment named or with id \"nope\""))
    #expect(failure.message.contains("baseline, tuning, other"))
    #expect(runRequests(server).isEmpty)
  }

  @Test func aNamespaceFiltersRunsAndExperiments() async throws {
    let server = try server(multiUser: true)
    defer { server.stop() }
    let options = testOptions(server.baseURL, namespace: "team-b")
    let result = await testSource(options).load()
    #expect(result.runs.count == 20)
    #expect(result.problems.isEmpty)
    let runs = try #require(runRequests(server).first)
    #expect(runs.query["resource_reference_key.type"] == "NAMESPACE")
    #expect(runs.query["resource_reference_key.id"] == "team-b")
    #expect(result.experiments.map(\.name) == ["other"])

    let listed = await testSource(options).listExperiments()
    #expect(listed.experiments.map(\.name) == ["other"])
    #expect(listed.problems.isEmpty)
  }

  @Test func anExperimentInMultiUserModeIsLookedUpInTheNamespace() async throws {
    let server = try server(multiUser: true)
    defer { server.stop() }
    let result = await testSource(
      testOptions(server.baseURL, namespace: "team-a", experiment: "baseline")
    ).load()
    #expect(result.runs.count == 20)
    let lookup = try #require(server.requests.first)
    #expect(lookup.query["resource_reference_key.id"] == "team-a")
  }

  @Test func listExperimentsPagesThroughAll() async throws {
    let many = (0..<450).map { TestExperiment(id: "exp-\($0)", name: "experiment \($0)") }
    let server = try KFPTestServer(.init(experiments: many))
    defer { server.stop() }
    let listed = await testSource(testOptions(server.baseURL)).listExperiments()
    #expect(listed.experiments.count == 450)
    #expect(listed.experiments.last?.name == "experiment 449")
    #expect(server.requests.count == 3)
  }

  @Test func oneRunAndHealth() async throws {
    let server = try server()
    defer { server.stop() }
    let source = testSource(testOptions(server.baseURL))
    let found = await source.run(id: "run-00007")
    #expect(found.runs.first?.name == "training run 7")
    let missing = await source.run(id: "run-99999")
    #expect(missing.runs.isEmpty)
    #expect(missing.sourceFailure?.message.contains("Run run-99999 not found") == true)
    #expect(await source.checkHealth() == nil)
  }
}
