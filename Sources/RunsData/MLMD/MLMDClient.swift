import Foundation
import RunsCore

/// Reads KFP 2.x run metrics from ML Metadata over gRPC-web, the way the KFP UI reaches it:
/// `POST {endpoint}/ml_metadata.MetadataStoreService/<Method>`, binary frames.
///
/// `runsMetrics` reads a batch of runs with about one request a run, where the KFP UI makes
/// four (`uiSequence`, kept as the baseline the benchmark compares with): one `GetContexts`
/// finds the runs' contexts, one `GetExecutionsByContext` a run lists its tasks, then one
/// `GetEventsByExecutionIDs` and one `GetArtifactsByID` serve the whole batch. The by-context
/// and by-id calls are MLMD's cheap ones: a `filter_query` costs the store a query compile,
/// so the batch has one.
public struct MLMDClient: Sendable {
  /// Waits between retries; tests inject a recorder instead of real sleeping.
  public typealias Sleeper = @Sendable (TimeInterval) async -> Void

  /// The gRPC-web endpoint (the KFP UI's origin, or `--mlmd URL`).
  public let endpoint: URL
  let transport: any HTTPTransport
  let headers: [String: String]
  let retry: RetryPolicy
  let timeout: TimeInterval
  let sleep: Sleeper

  /// The most pages one list may take (100 entities a page): past it the answer is refused.
  static let maxPages = 2_000
  /// The most ids one by-id request names.
  static let idsPerRequest = 1_000
  /// The most runs one `GetContexts` names.
  static let runsPerRequest = 50
  /// The most requests one batch has in flight.
  public static let requestsInFlight = 4

  /// Creates a client. `headers` carry the credentials (`Authorization`, `Cookie`); each
  /// request is tried up to `retry.attempts` times when it fails transiently.
  public init(
    endpoint: URL, transport: any HTTPTransport, headers: [String: String],
    retry: RetryPolicy = RetryPolicy(attempts: 1), timeout: TimeInterval = 30,
    sleep: @escaping Sleeper = { try? await Task.sleep(for: .seconds($0)) }
  ) {
    self.endpoint = endpoint
    self.transport = transport
    self.headers = headers
    self.retry = retry
    self.timeout = timeout
    self.sleep = sleep
  }

  /// Where problems point: the endpoint without credentials.
  public var location: String { ServerURL.display(endpoint) }

  /// The metrics of runs `runIDs` by run id; a run MLMD has no context for (a v1 run, or one
  /// not started) is absent. Requests: one for the contexts (a further one per 50 runs), one
  /// a run for its executions (more for runs with over 100), one for their events and one for
  /// their output artifacts (a further one per 1,000 ids), at most ``requestsInFlight`` at once.
  public func runsMetrics(runIDs: [String]) async throws(MLMDFailure) -> [String: V2RunMetrics] {
    var seen: Set<String> = []
    let ids = runIDs.filter { seen.insert($0).inserted }
    var contexts: [MLMD.Context] = []
    for start in stride(from: 0, to: ids.count, by: Self.runsPerRequest) {
      let filter = MLMD.runContextsFilter(
        runIDs: Array(ids[start..<min(start + Self.runsPerRequest, ids.count)]))
      contexts += try await listAll(.getContexts, decode: MLMD.decodeContexts) {
        MLMD.filtered(filter, pageToken: $0)
      }.get()
    }
    contexts = contexts.filter { seen.contains($0.name) }
    let executions = try await executions(of: contexts)
    let events = try await byIDs(
      .getEventsByExecutionIDs, executions.values.flatMap { $0.map(\.id) }, MLMD.decodeEvents)
    var outputs: Set<Int64> = []
    let outputIDs = events.filter { $0.type == MLMD.outputEvent }.map(\.artifactID).filter {
      outputs.insert($0).inserted
    }
    let artifacts = try await byIDs(.getArtifactsByID, outputIDs) {
      (bytes: [UInt8]) throws(ProtoError) in try MLMD.decodeArtifacts(bytes).items
    }
    let metricsTypeIDs = try await metricsTypeIDs(artifacts)
    let eventsByExecution = Dictionary(grouping: events, by: \.executionID)
    let artifactsByID = Dictionary(artifacts.map { ($0.id, $0) }) { first, _ in first }
    var result: [String: V2RunMetrics] = [:]
    for context in contexts {
      let runExecutions = executions[context.id] ?? []
      let runEvents = runExecutions.flatMap { eventsByExecution[$0.id] ?? [] }
      var used: Set<Int64> = []
      let runArtifacts = runEvents.compactMap { event in
        used.insert(event.artifactID).inserted ? artifactsByID[event.artifactID] : nil
      }
      result[context.name] = V2RunMetrics(
        executions: runExecutions, artifacts: runArtifacts, events: runEvents,
        metricsTypeIDs: metricsTypeIDs, location: location, runID: context.name)
    }
    return result
  }

  /// Each context's executions, ``requestsInFlight`` contexts at a time.
  private func executions(of contexts: [MLMD.Context]) async throws(MLMDFailure)
    -> [Int64: [MLMD.Execution]]
  {
    var listed: [Int64: Result<[MLMD.Execution], MLMDFailure>] = [:]
    await withBoundedTasks(
      contexts.map(\.id), limit: Self.requestsInFlight,
      work: { id in
        await self.listAll(.getExecutionsByContext, decode: MLMD.decodeExecutions) {
          MLMD.byContext(id, pageToken: $0 ?? "")
        }
      },
      take: { id, found in
        listed[id] = found
        if case .failure = found { return false }
        return true
      })
    var executions: [Int64: [MLMD.Execution]] = [:]
    for (id, found) in listed { executions[id] = try found.get() }
    return executions
  }

  /// The answers of a by-id method for `ids`, ``idsPerRequest`` ids a request.
  private func byIDs<Element>(
    _ method: MLMD.Method, _ ids: [Int64],
    _ decode: ([UInt8]) throws(ProtoError) -> [Element]
  ) async throws(MLMDFailure) -> [Element] {
    var items: [Element] = []
    for start in stride(from: 0, to: ids.count, by: Self.idsPerRequest) {
      let chunk = Array(ids[start..<min(start + Self.idsPerRequest, ids.count)])
      items += try decoded(try await call(method, MLMD.byIDs(chunk)), decode)
    }
    return items
  }

  /// The ids of the metrics artifact type, asked only when a server leaves artifacts' type
  /// names empty (older MLMD servers).
  private func metricsTypeIDs(_ artifacts: [MLMD.Artifact]) async throws(MLMDFailure) -> Set<
    Int64
  > {
    guard artifacts.contains(where: { $0.type.isEmpty }) else { return [] }
    let types = try decoded(try await call(.getArtifactTypes, []), MLMD.decodeArtifactTypes)
    return Set(types.filter { $0.name == MLMD.metricsArtifactType }.map(\.id))
  }

  /// The KFP UI's sequence for one run (`CompareV2.tsx`): GetContextByTypeAndName, then
  /// GetExecutionsByContext, GetArtifactsByContext and GetEventsByExecutionIDs, one after
  /// another, without list options; GetArtifactTypes too when the server leaves artifact type
  /// names empty. The benchmark's baseline; same result as `runMetrics`.
  public func uiSequence(runID: String) async throws(MLMDFailure) -> V2RunMetrics? {
    let contextBytes = try await call(
      .getContextByTypeAndName,
      MLMD.contextByTypeAndName(type: MLMD.runContextType, name: runID))
    guard let context = try decoded(contextBytes, MLMD.decodeContext) else { return nil }
    let executions = try decoded(
      try await call(.getExecutionsByContext, MLMD.byContext(context.id)), MLMD.decodeExecutions
    ).items
    let artifacts = try decoded(
      try await call(.getArtifactsByContext, MLMD.byContext(context.id)), MLMD.decodeArtifacts
    ).items
    let events = try decoded(
      try await call(.getEventsByExecutionIDs, MLMD.byIDs(executions.map(\.id))),
      MLMD.decodeEvents)
    return V2RunMetrics(
      executions: executions, artifacts: artifacts, events: events,
      metricsTypeIDs: try await metricsTypeIDs(artifacts), location: location, runID: runID)
  }

  /// Every page of a list, 100 entities a page; `message` makes the request for a page token
  /// (`nil`: the first page).
  private func listAll<Element: Sendable & Hashable>(
    _ method: MLMD.Method,
    decode: @Sendable ([UInt8]) throws(ProtoError) -> MLMD.Page<Element>,
    message: (String?) -> [UInt8]
  ) async -> Result<[Element], MLMDFailure> {
    var items: [Element] = []
    var token: String?
    var seen: Set<String> = []
    for _ in 0..<Self.maxPages {
      do {
        let page = try decoded(
          try await call(method, message(token)), decode)
        items += page.items
        guard !page.nextPageToken.isEmpty else { return .success(items) }
        guard seen.insert(page.nextPageToken).inserted else {
          return .failure(.badAnswer("\(method.rawValue) repeats a page token"))
        }
        token = page.nextPageToken
      } catch {
        return .failure(error)
      }
    }
    return .failure(
      .badAnswer("\(method.rawValue) has more than \(Self.maxPages) pages; not read"))
  }

  private func decoded<Value>(
    _ bytes: [UInt8], _ decode: ([UInt8]) throws(ProtoError) -> Value
  ) throws(MLMDFailure) -> Value {
    do {
      return try decode(bytes)
    } catch {
      throw .badAnswer("the message is not valid protobuf: \(error.reason)")
    }
  }

  /// One unary call: the answer's message bytes, after retries of transient failures.
  func call(_ method: MLMD.Method, _ message: [UInt8]) async throws(MLMDFailure) -> [UInt8] {
    let count = UInt32(message.count)
    let body =
      [
        0, UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF),
        UInt8(count & 0xFF),
      ]
      + message
    var requestHeaders = headers
    requestHeaders["Content-Type"] = "application/grpc-web+proto"
    requestHeaders["Accept"] = "application/grpc-web+proto"
    requestHeaders["X-Grpc-Web"] = "1"
    requestHeaders["X-User-Agent"] = "grpc-web-javascript/0.1"
    let request = HTTPRequest(
      url: url(method), method: "POST", headers: requestHeaders, body: body, timeout: timeout)
    var attempt = 0
    while true {
      attempt += 1
      let failure: MLMDFailure
      var retryAfter: TimeInterval?
      do {
        let response = try await transport.send(request)
        switch GRPCWebReply.message(
          status: response.status, headers: response.headers, body: response.body)
        {
        case .success(let bytes): return bytes
        case .failure(let reply): failure = .from(reply)
        }
        retryAfter = RetryPolicy.retryAfterSeconds(response.header("Retry-After"))
      } catch {
        failure = .transport(error)
      }
      guard failure.isTransient, attempt < retry.attempts, !Task.isCancelled else { throw failure }
      await sleep(retry.delay(afterAttempt: attempt, retryAfter: retryAfter))
    }
  }

  private func url(_ method: MLMD.Method) -> URL {
    var text = endpoint.absoluteString
    if let query = text.firstIndex(where: { $0 == "?" || $0 == "#" }) {
      text = String(text[..<query])
    }
    while text.hasSuffix("/") { text.removeLast() }
    return URL(string: text + method.path) ?? endpoint
  }
}
