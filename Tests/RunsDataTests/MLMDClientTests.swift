import Foundation
import KFPTestServer
import RunsCore
import RunsData
import Testing

/// `MLMDClient` against the real ML Metadata store (ml-metadata 1.17.1) behind the test
/// server's gRPC-web front: what KFP's driver and launcher record comes back as the KFP UI
/// shows it, with fewer requests than the UI makes, and every fault is a named failure.
@Suite(.serialized, .enabled(if: KFP2Peer.enabled, "needs .venv/mlmd (scripts/python-venvs)"))
struct MLMDClientTests {
  static let runs = (
    trainEval: "1b4c7e2a-0000-4000-8000-000000000001",
    cached: "1b4c7e2a-0000-4000-8000-000000000002",
    failed: "1b4c7e2a-0000-4000-8000-000000000003",
    running: "1b4c7e2a-0000-4000-8000-000000000004",
    legacy: "1b4c7e2a-0000-4000-8000-000000000005",
    big: "1b4c7e2a-0000-4000-8000-00000000b160"
  )

  /// One server for the suite (its start takes seconds), with the 10,000-artifact run, and
  /// one with a token and a cookie required.
  static let peer = Result { try KFP2Peer(arguments: ["--big-run"]) }
  static let guarded = Result {
    try KFP2Peer(arguments: ["--token", "tok-1", "--cookie", "authservice_session=abc"])
  }

  private func started(_ result: Result<KFP2Peer, any Error>) throws -> KFP2Peer {
    let peer = try result.get()
    peer.reset()
    return peer
  }

  private func client(
    _ peer: KFP2Peer, headers: [String: String] = [:], attempts: Int = 1,
    transport: any HTTPTransport = CountingTransport(), sleeps: SleepRecorder = SleepRecorder()
  ) -> MLMDClient {
    MLMDClient(
      endpoint: peer.baseURL, transport: transport, headers: headers,
      retry: RetryPolicy(attempts: attempts, backoff: 0.001, maxDelay: 0.01), timeout: 20,
      sleep: sleeps.sleep)
  }

  private func rows(_ result: V2RunMetrics?) -> [String] {
    (result?.metrics ?? []).map { "\($0.nodeID) | \($0.name) = \($0.displayText)" }
  }

  /// ml-metadata 1.17.1 on sqlite keeps doubles rounded (0.9500000000000001 comes back as 0.95,
  /// 1e-7 as 0): the values below are what the real store gives.
  @Test func recordedRunComesBackAsTheUIShowsIt() async throws {
    let peer = try started(Self.peer)
    let transport = CountingTransport()
    let result = try await client(peer, transport: transport).runMetrics(runID: Self.runs.trainEval)
    #expect(
      rows(result) == [
        "train > metrics | accuracy = 0.95",
        "train > metrics | converged = 1",
        "train > metrics | epochs = 12",
        "train > metrics | loss = 0.25",
        #"train > metrics | note = "baseline""#,
        "train > metrics | tiny = 0",
        "train-again > metrics | accuracy = 0.91",
        "train-again > metrics | loss = 0.3",
        "evaluate > eval_metrics | precision = 0.8",
        "evaluate > extra | recall = 0.7",
        #"evaluate > extra | thresholds = {"list":[0.1,0.5]}"#,
      ])
    #expect(result?.problems == [])
    #expect(result?.notes == [])
    // Alone, a run costs the UI's four requests; runs read together share three of them.
    #expect(transport.requests.count == 4)
    #expect(
      peer.stats().mlmd == [
        "GetContexts": 1, "GetExecutionsByContext": 1, "GetEventsByExecutionIDs": 1,
        "GetArtifactsByID": 1,
      ])
    let request = try #require(transport.requests.first)
    #expect(request.method == "POST")
    #expect(request.headers["Content-Type"] == "application/grpc-web+proto")
    #expect(request.headers["X-Grpc-Web"] == "1")
  }

  @Test func theUISequenceGivesTheSameWithFourCallsARun() async throws {
    let peer = try started(Self.peer)
    let mlmd = client(peer)
    let runs = [
      Self.runs.trainEval, Self.runs.cached, Self.runs.failed, Self.runs.running, Self.runs.legacy,
    ]
    var ui: [String: V2RunMetrics] = [:]
    for run in runs {
      peer.reset()
      ui[run] = try await mlmd.uiSequence(runID: run)
      let calls = run == Self.runs.legacy ? 1 : 4
      #expect(peer.stats().mlmd.values.reduce(0, +) == calls, "\(run)")
    }
    peer.reset()
    let ours = try await mlmd.runsMetrics(runIDs: runs)
    #expect(ours == ui)
    // Five runs (four with a context) together: 3 shared requests and one a run, not 4 a run.
    #expect(
      peer.stats().mlmd == [
        "GetContexts": 1, "GetExecutionsByContext": 4, "GetEventsByExecutionIDs": 1,
        "GetArtifactsByID": 1,
      ])
  }

  @Test func aBatchOfRunsIsAskedInParts() async throws {
    let peer = try started(Self.peer)
    // 120 names: the contexts are asked 50 names a request.
    let names = [Self.runs.trainEval] + (0..<119).map { "absent-\($0)" }
    let found = try await client(peer).runsMetrics(runIDs: names + [Self.runs.trainEval])
    #expect(Array(found.keys) == [Self.runs.trainEval])
    #expect(found[Self.runs.trainEval]?.metrics.count == 11)
    #expect(peer.stats().mlmd["GetContexts"] == 3)
    #expect(peer.stats().mlmd["GetExecutionsByContext"] == 1)
  }

  @Test func cachedFailedAndRunningTasks() async throws {
    let peer = try started(Self.peer)
    let mlmd = client(peer)
    // A cache hit's outputs are the earlier run's artifacts; they count for this run.
    let cached = try await mlmd.runMetrics(runID: Self.runs.cached)
    #expect(rows(cached).first == "train > metrics | accuracy = 0.95")
    #expect(rows(cached).count == 6)
    #expect(cached?.notes == ["task train: cached (outputs of an earlier run)"])
    // The earlier run does not gain the cached task's node.
    let original = try await mlmd.runMetrics(runID: Self.runs.trainEval)
    #expect(rows(original).count == 11)

    peer.reset()
    let failed = try await mlmd.runMetrics(runID: Self.runs.failed)
    #expect(failed?.metrics == [])
    #expect(failed?.notes == ["task train: failed (KFP records no metrics for a failed task)"])
    // Only the executor logs' artifact is an output.
    #expect(peer.stats().mlmd["GetArtifactsByID"] == 1)

    let running = try await mlmd.runMetrics(runID: Self.runs.running)
    #expect(running?.metrics == [])
    #expect(running?.notes == ["task train: not finished"])
  }

  @Test func runWithoutContextIsNil() async throws {
    let peer = try started(Self.peer)
    let mlmd = client(peer)
    #expect(try await mlmd.runMetrics(runID: Self.runs.legacy) == nil)
    #expect(try await mlmd.uiSequence(runID: Self.runs.legacy) == nil)
    // A run id that would break out of the filter's quotes is only a name.
    #expect(try await mlmd.runMetrics(runID: "x' OR '1' = '1") == nil)
  }

  @Test func tenThousandArtifactsAreReadInParts() async throws {
    let peer = try started(Self.peer)
    let result = try await client(peer).runMetrics(runID: Self.runs.big)
    let metrics = try #require(result?.metrics)
    #expect(metrics.count == 10_000)
    #expect(Set(metrics.map(\.nodeID)).count == 10_000)
    #expect(metrics.first { $0.nodeID == "task-042 > m007" }?.value == 4207)
    let calls = peer.stats().mlmd
    // 2 pages of executions (101 with the root DAG), their events at once, the 10,000
    // artifacts 1,000 ids a request.
    #expect(
      calls == [
        "GetContexts": 1, "GetExecutionsByContext": 2, "GetEventsByExecutionIDs": 1,
        "GetArtifactsByID": 10,
      ])
  }

  @Test func rbacRefusalIsNamedAndNotRetried() async throws {
    let peer = try started(Self.peer)
    peer.set("mlmd403")
    let transport = CountingTransport()
    await #expect(throws: MLMDFailure.http(status: 403, text: "RBAC: access denied")) {
      try await client(peer, attempts: 3, transport: transport).runMetrics(
        runID: Self.runs.trainEval)
    }
    #expect(transport.requests.count == 1)  // the first request, once
    #expect(!MLMDFailure.http(status: 403, text: "").isTransient)
  }

  @Test func proxyHTMLPageIsSummarized() async throws {
    let peer = try started(Self.peer)
    peer.set("mlmd502")
    let sleeps = SleepRecorder()
    do {
      _ = try await client(peer, attempts: 2, sleeps: sleeps).uiSequence(runID: Self.runs.trainEval)
      Issue.record("a 502 page gave metrics")
    } catch {
      #expect(error == .http(status: 502, text: "502 Bad Gateway"))
      #expect(error.isTransient)
      #expect(error.message == "HTTP 502: 502 Bad Gateway")
    }
    #expect(await sleeps.delays.count == 1)
  }

  @Test func unavailableBurstsAreRetriedAndLoseNothing() async throws {
    let peer = try started(Self.peer)
    let expected = try await client(peer).runMetrics(runID: Self.runs.trainEval)
    peer.set("unavailable", 4)
    let sleeps = SleepRecorder()
    let result = try await client(peer, attempts: 6, sleeps: sleeps).runMetrics(
      runID: Self.runs.trainEval)
    #expect(result == expected)
    #expect(await sleeps.delays.count == 4)
    // Without retries the status comes back, transient.
    peer.set("unavailable", 1)
    do {
      _ = try await client(peer).uiSequence(runID: Self.runs.trainEval)
      Issue.record("UNAVAILABLE gave metrics")
    } catch {
      guard case .grpc(let status) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(status.name == "UNAVAILABLE")
      #expect(error.isTransient)
    }
  }

  @Test func theServerSourceRetriesEachMLMDRequest() async throws {
    let peer = try started(Self.peer)
    let source = KFPServerSource(options: testOptions(peer.baseURL, api: .v2))
    let expected = await source.load()
    #expect(expected.runs.filter { !$0.metrics.isEmpty }.count == 4)
    // Three tries a request: two lost answers in a row cost no run its metrics.
    peer.set("unavailable", 2)
    let flaky = await source.load()
    #expect(flaky.problems == expected.problems)
    #expect(flaky.runs == expected.runs)
  }

  @Test func truncatedFrameIsABadAnswer() async throws {
    let peer = try started(Self.peer)
    peer.set("truncate")
    do {
      _ = try await client(peer).uiSequence(runID: Self.runs.trainEval)
      Issue.record("a truncated frame gave metrics")
    } catch {
      guard case .badAnswer(let reason) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(reason.hasPrefix("the answer ends inside a frame"), "\(reason)")
      #expect(!error.isTransient)
    }
  }

  @Test func neverEndingBodyIsCapped() async throws {
    let peer = try started(Self.peer)
    peer.set("endless")
    let started = ContinuousClock.now
    do {
      _ = try await client(peer).uiSequence(runID: Self.runs.trainEval)
      Issue.record("an endless body gave metrics")
    } catch {
      guard case .transport(let failure) = error else {
        Issue.record("\(error)")
        return
      }
      switch failure {
      case .tooLarge, .tooSlow: break
      default: Issue.record("\(failure)")
      }
    }
    #expect(ContinuousClock.now - started < .seconds(200))
  }

  @Test func credentialsReachMLMD() async throws {
    let peer = try started(Self.guarded)
    await #expect(throws: MLMDFailure.http(status: 401, text: "Unauthorized")) {
      try await client(peer).runMetrics(runID: Self.runs.trainEval)
    }
    let headers = ["Authorization": "Bearer tok-1", "Cookie": "authservice_session=abc"]
    let result = try await client(peer, headers: headers).runMetrics(runID: Self.runs.trainEval)
    #expect(result?.metrics.count == 11)
  }

  @Test func nothingListeningIsATransportFailure() async throws {
    let mlmd = MLMDClient(
      endpoint: URL(string: "http://127.0.0.1:9")!, transport: CountingTransport(), headers: [:])
    do {
      _ = try await mlmd.runMetrics(runID: "r")
      Issue.record("no server gave metrics")
    } catch {
      guard case .transport(.cannotConnect) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(error.message.hasPrefix("could not connect"))
    }
  }
}

extension MLMDClient {
  /// One run's metrics through the batch read; `nil`: MLMD has no record of the run.
  fileprivate func runMetrics(runID: String) async throws(MLMDFailure) -> V2RunMetrics? {
    try await runsMetrics(runIDs: [runID])[runID]
  }
}
