import Foundation
import KFPTestServer
import RunsCore
import RunsData
import Testing

/// KFP 2.x runs first, then their metrics from ML Metadata (a fake store here), in batches.
@Suite struct ServerV2MetricsTests {
  func server(count: Int = 20) throws -> KFPTestServer {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: count))
    options.servesV2 = true
    return try KFPTestServer(options)
  }

  /// The problems about the metrics store (failed runs also carry their own error).
  func storeProblems(_ result: LoadResult) -> [Problem] {
    result.problems.filter { $0.location == FakeMetricsReader.location }
  }

  func source(_ server: KFPTestServer, _ reader: FakeMetricsReader, sleeps: SleepRecorder)
    -> KFPServerSource
  {
    KFPServerSource(
      options: testOptions(server.baseURL, api: .v2), transport: HTTPClientTransport(),
      sleep: sleeps.sleep, metricsReader: reader)
  }

  @Test func runsComeFirstThenTheirMetricsInBatches() async throws {
    let server = try server(count: 120)
    defer { server.stop() }
    let reader = FakeMetricsReader()
    var batches: [LoadResult] = []
    let result = await source(server, reader, sleeps: SleepRecorder()).load { batch, _, _ in
      batches.append(batch)
    }
    let listed = batches.prefix { $0.metricsProgress == nil }
    #expect(listed.map(\.runs.count).reduce(0, +) == 120)
    #expect(listed.allSatisfy { $0.runs.allSatisfy(\.metrics.isEmpty) })
    let progress = batches.compactMap(\.metricsProgress)
    #expect(progress.map(\.done) == [50, 100, 120])
    #expect(progress.allSatisfy { $0.total == 120 })
    #expect(batches.dropFirst(listed.count).map(\.runs.count).sorted() == [20, 50, 50])
    #expect(storeProblems(result).isEmpty)
    let run = try #require(result.runs.first { $0.id == "run-00007" })
    #expect(
      run.metrics == [
        Metric(name: "accuracy", nodeID: "train > metrics", value: 0.07, format: .v2Number)
      ])
    #expect(run.notes.contains("task train: cached (outputs of an earlier run)"))
    #expect(reader.calls.map(\.count).sorted() == [20, 50, 50])
    #expect(reader.calls.first?.count == 50)
    #expect(Set(reader.calls.joined()) == Set(result.runs.map(\.id)))
  }

  @Test func atMostTwoBatchesAreInFlight() async throws {
    let server = try server(count: 250)
    defer { server.stop() }
    let reader = FakeMetricsReader(delay: 0.05)
    let result = await source(server, reader, sleeps: SleepRecorder()).load()
    #expect(result.runs.allSatisfy { !$0.metrics.isEmpty })
    #expect(reader.calls.count == 5)
    #expect(reader.mostInFlight == KFPServerSource.batchesInFlight)
  }

  @Test func aStoreThatCannotBeReachedIsOneProblemAndTheRunsStay() async throws {
    let server = try server(count: 60)
    defer { server.stop() }
    let reader = FakeMetricsReader(failures: ["run-00000": [FakeMetricsReader.refused]])
    let result = await source(server, reader, sleeps: SleepRecorder()).load()
    #expect(result.runs.count == 60)
    #expect(result.sourceFailure == nil)
    #expect(storeProblems(result).count == 1)
    let problem = try #require(storeProblems(result).first)
    #expect(problem.message.contains("--mlmd URL"))
    #expect(problem.message.contains("kubectl port-forward -n kubeflow svc/ml-pipeline-ui 8080:80"))
    #expect(problem.message.contains("Connection refused"))
    // The first batch alone was asked, not the rest.
    #expect(reader.calls.map(\.count) == [50])
    #expect(reader.calls.first?.first == "run-00000")
  }

  @Test func aBatchWhoseCallFailsKeepsItsRowsAndNamesTheFailure() async throws {
    let server = try server(count: 120)
    defer { server.stop() }
    let denied = FakeMetricsReader.denied
    let reader = FakeMetricsReader(failures: ["run-00060": [denied]])
    let result = await source(server, reader, sleeps: SleepRecorder()).load()
    #expect(result.runs.count == 120)
    #expect(storeProblems(result).count == 1)
    let problem = try #require(storeProblems(result).first)
    #expect(problem.message.contains("50 runs"))
    #expect(problem.message.contains("RBAC: access denied"))
    let failed = try #require(result.runs.first { $0.id == "run-00060" })
    #expect(failed.metrics.isEmpty)
    #expect(failed.notes.contains { $0.contains("RBAC: access denied") })
    #expect(result.runs.filter(\.metrics.isEmpty).count == 50)
    // Not asked again: retrying is the reader's part, request by request.
    #expect(reader.calls.filter { $0.contains("run-00060") }.count == 1)
  }

  @Test func aRunWithoutARecordKeepsItsV1Metrics() async throws {
    let server = try server()
    defer { server.stop() }
    let reader = FakeMetricsReader { id in id == "run-00002" ? nil : FakeMetricsReader.accuracy(id)
    }
    let result = await source(server, reader, sleeps: SleepRecorder()).load()
    let legacy = try #require(result.runs.first { $0.id == "run-00002" })
    #expect(legacy.metric(named: "accuracy-score")?.format == .percentage)
    #expect(legacy.notes.contains { $0.contains("from the v1 API") })
    #expect(server.requests.contains { $0.path == "/apis/v1beta1/runs/run-00002" })
    #expect(storeProblems(result).isEmpty)
  }
}

@Suite struct MLMDEndpointTests {
  @Test func theDefaultIsTheBaseURLsOriginWithItsCredentials() throws {
    let base = try #require(URL(string: "https://kf.example.com/pipeline"))
    let options = KFPServerOptions(baseURL: base, token: "tok", cookie: "authservice=x")
    #expect(KFPServerSource.mlmdEndpoint(options).absoluteString == "https://kf.example.com")
    #expect(
      KFPServerSource.mlmdHeaders(options)
        == ["Authorization": "Bearer tok", "Cookie": "authservice=x"])
  }

  @Test func mlmdElsewhereGetsNoCredentials() throws {
    let base = try #require(URL(string: "https://kf.example.com/pipeline"))
    var options = KFPServerOptions(baseURL: base, token: "tok")
    options.mlmdURL = URL(string: "http://localhost:9090")
    #expect(KFPServerSource.mlmdEndpoint(options).absoluteString == "http://localhost:9090")
    #expect(KFPServerSource.mlmdHeaders(options).isEmpty)
  }
}
