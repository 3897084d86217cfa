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
    // Three requests, where the UI makes four.
    #expect(transport.requests.count == 3)
    #expect(
      peer.stats().mlmd == ["GetExecutions": 1, "GetArtifacts": 1, "GetEventsByArtifactIDs": 1])
    let request = try #require(transport.requests.first)
    #expect(request.method == "POST")
    #expect(request.headers["Content-Type"] == "application/grpc-web+proto")
    #expect(request.headers["X-Grpc-Web"] == "1")
  }

  @Test func theUISequenceGivesTheSameWithFourCalls() async throws {
    let peer = try started(Self.peer)
    let mlmd = client(peer)
    for run in [Self.runs.trainEval, Self.runs.cached, Self.runs.failed, Self.runs.running] {
      peer.reset()
      let ui = try await mlmd.uiSequence(runID: run)
      #expect(
        peer.stats().mlmd == [
          "GetContextByTypeAndName": 1, "GetExecutionsByContext": 1, "GetArtifactsByContext": 1,
          "GetEventsByExecutionIDs": 1,
        ])
      let ours = try await mlmd.runMetrics(runID: run)
      #expect(ours == ui, "\(run)")
    }
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

    let failed = try await mlmd.runMetrics(runID: Self.runs.failed)
    #expect(failed?.metrics == [])
    #expect(failed?.notes == ["task train: failed (KFP records no metrics for a failed task)"])
    // Nothing to ask events about: two requests.
    #expect(peer.stats().mlmd["GetEventsByArtifactIDs"] == 2)

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

  @Test func tenThousandArtifactsArePaged() async throws {
    let peer = try started(Self.peer)
    let result = try await client(peer).runMetrics(runID: Self.runs.big)
    let metrics = try #require(result?.metrics)
    #expect(metrics.count == 10_000)
    #expect(Set(metrics.map(\.nodeID)).count == 10_000)
    #expect(metrics.first { $0.nodeID == "task-042 > m007" }?.value == 4207)
    let calls = peer.stats().mlmd
    // 100 pages of artifacts, 2 of executions (101 with the root DAG), 10 of events.
    #expect(calls == ["GetArtifacts": 100, "GetExecutions": 2, "GetEventsByArtifactIDs": 10])
  }

  @Test func rbacRefusalIsNamedAndNotRetried() async throws {
    let peer = try started(Self.peer)
    peer.set("mlmd403")
    let transport = CountingTransport()
    await #expect(throws: MLMDFailure.http(status: 403, text: "RBAC: access denied")) {
      try await client(peer, attempts: 3, transport: transport).runMetrics(
        runID: Self.runs.trainEval)
    }
    #expect(transport.requests.count == 2)  // the two first requests, once each
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
