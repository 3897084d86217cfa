import Foundation
import RunsCore

/// What a poll asks the REST API, in the wire format of the API the load used.
extension ServerWatch {
  /// What one poll read from the REST API.
  struct ServerRead {
    /// New runs, and the known runs not in a final state, as the API gives them now.
    var fetched: [Run] = []
    /// Known runs the API no longer has.
    var gone: [String] = []
    /// The request that failed, which ends the poll.
    var failure: Problem?
  }

  /// The newest runs, page by page until one is known (at most ``newestPages`` pages), then
  /// each known run not in a final state by id. A run deleted on the server answers 404: it
  /// is gone, the server is not.
  func readServer() async -> ServerRead {
    var read = ServerRead()
    let version = basis.version ?? .v1
    var pageToken: String?
    newest: for _ in 0..<Self.newestPages {
      var query = [("page_size", "20"), ("sort_by", "created_at desc")] + basis.scope
      if let pageToken { query.append(("page_token", pageToken)) }
      switch await source.client.get("runs", query: query, version: version) {
      case .failure(let failed):
        read.failure = failed.problem
        return read
      case .success(let answer):
        let page = runsPage(answer)
        var new: [Run] = []
        var metKnown = false
        for run in page.runs {
          if runs[run.id] != nil { metKnown = true } else { new.append(run) }
        }
        read.fetched += await named(new, pipelineIDs: page.pipelineIDs)
        guard !metKnown, let next = page.next else { break newest }
        pageToken = next
      }
    }
    let unfinished = runs.values.filter { Self.mayChange($0.status) }.map(\.id).sorted()
    for id in unfinished {
      switch await source.client.get("runs/" + ServerURL.encode(id), version: version) {
      case .failure(let failed) where failed.kind == .notFound:
        read.gone.append(id)
      case .failure(let failed):
        read.failure = failed.problem
        return read
      case .success(let answer):
        read.fetched += await run(answer)
      }
    }
    return read
  }

  /// Whether a run in `status` may still change by itself: Pending, Running, or Terminating
  /// (a v2 CANCELING run turns CANCELED).
  static func mayChange(_ status: RunStatus?) -> Bool {
    status == .pending || status == .running || status == .terminating
  }

  /// A runs page: a v1beta1 or v2beta1 `ListRunsResponse`; v2 runs name their pipelines by
  /// id only (`pipelineIDs`).
  private func runsPage(_ answer: KFPServerClient.Answer) -> (
    runs: [Run], pipelineIDs: [String: String], next: String?
  ) {
    switch basis.version {
    case .v2:
      let (page, pipelineIDs) = KFPWireV2.runsPage(from: answer.json, location: answer.location)
      return (page.runs, pipelineIDs, page.nextPageToken)
    case .v1, nil:
      let page = KFPWire.runsPage(from: answer.json, location: answer.location)
      return (page.runs, [:], page.nextPageToken.flatMap { $0.isEmpty ? nil : $0 })
    }
  }

  /// One run: a v1beta1 `RunDetail`, or a v2beta1 `Run` named as the load named it.
  private func run(_ answer: KFPServerClient.Answer) async -> [Run] {
    switch basis.version {
    case .v2:
      let read = KFPWireV2.run(from: answer.json, location: answer.location)
      guard let run = read.run else { return [] }
      return await named([run], pipelineIDs: read.pipelineID.map { [run.id: $0] } ?? [:])
    case .v1, nil:
      return KFPWire.run(from: answer.json, location: answer.location).run.map { [$0] } ?? []
    }
  }

  /// v2 runs with their experiment and pipeline names (a new experiment's too), as the load
  /// named its runs; v1 runs carry their names.
  private func named(_ runs: [Run], pipelineIDs: [String: String]) async -> [Run] {
    guard basis.version == .v2, !runs.isEmpty else { return runs }
    var runs = runs
    var names = basis.names
    await names.learnExperiments(of: runs, source: source)
    _ = await names.name(&runs, pipelineIDs: pipelineIDs, source: source)
    basis.names = names
    return runs
  }
}
