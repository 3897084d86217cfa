import Foundation
import RunsCore

/// Reads KFP 2.x run metrics from ML Metadata over gRPC-web, the way the KFP UI reaches it:
/// `POST {endpoint}/ml_metadata.MetadataStoreService/<Method>`, binary frames.
///
/// `runMetrics` asks for what a run's metrics need with three requests, two of them at once:
/// the run's executions and its `system.Metrics` artifacts (MLMD's `filter_query` on the run
/// context replaces the UI's context lookup, and on the type keeps other artifacts away), then
/// the events of those artifacts. `uiSequence` is the KFP UI's own four calls, kept as the
/// baseline the benchmark compares with.
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
  /// The most artifact ids one events request names.
  static let idsPerRequest = 1_000

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

  /// The run's metrics; `nil` when MLMD has no run context for the run (a v1 run, or not
  /// started). Three requests (two when the run has no metrics artifacts); more only for
  /// runs with over 100 executions or metrics artifacts (pages of 100).
  public func runMetrics(runID: String) async throws(MLMDFailure) -> V2RunMetrics? {
    async let executionsPage = listAll(
      .getExecutions, filter: MLMD.runFilter(runID: runID), decode: MLMD.decodeExecutions)
    async let artifactsPage = listAll(
      .getArtifacts,
      filter: MLMD.runFilter(
        runID: runID, extra: "type = \(MLMD.quoted(MLMD.metricsArtifactType))"),
      decode: MLMD.decodeArtifacts)
    let executions: [MLMD.Execution] = try await executionsPage.get()
    var artifacts: [MLMD.Artifact] = try await artifactsPage.get()
    guard !executions.isEmpty || !artifacts.isEmpty else { return nil }
    // The filter chose the type: name it even where an old server leaves `type` empty.
    for index in artifacts.indices { artifacts[index].type = MLMD.metricsArtifactType }
    var events: [MLMD.Event] = []
    let ids = artifacts.map(\.id)
    for start in stride(from: 0, to: ids.count, by: Self.idsPerRequest) {
      let chunk = Array(ids[start..<min(start + Self.idsPerRequest, ids.count)])
      events += try decoded(
        try await call(.getEventsByArtifactIDs, MLMD.eventsByIDs(chunk)), MLMD.decodeEvents)
    }
    return V2RunMetrics(
      executions: executions, artifacts: artifacts, events: events, location: location,
      runID: runID)
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
      try await call(.getEventsByExecutionIDs, MLMD.eventsByIDs(executions.map(\.id))),
      MLMD.decodeEvents)
    var metricsTypeIDs: Set<Int64> = []
    if artifacts.contains(where: { $0.type.isEmpty }) {
      let types = try decoded(try await call(.getArtifactTypes, []), MLMD.decodeArtifactTypes)
      metricsTypeIDs = Set(types.filter { $0.name == MLMD.metricsArtifactType }.map(\.id))
    }
    return V2RunMetrics(
      executions: executions, artifacts: artifacts, events: events,
      metricsTypeIDs: metricsTypeIDs, location: location, runID: runID)
  }

  /// Every page of a filtered list, 100 entities a page.
  private func listAll<Element: Sendable & Hashable>(
    _ method: MLMD.Method, filter: String,
    decode: @Sendable ([UInt8]) throws(ProtoError) -> MLMD.Page<Element>
  ) async -> Result<[Element], MLMDFailure> {
    var items: [Element] = []
    var token: String?
    var seen: Set<String> = []
    for _ in 0..<Self.maxPages {
      do {
        let page = try decoded(
          try await call(method, MLMD.filtered(filter, pageToken: token)), decode)
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
