import Foundation

/// A KFP v1beta1 API server for tests, on 127.0.0.1 with an ephemeral port.
///
/// It pages like the real server (`page_size` 0 → 20, more than 200 → 200, opaque
/// `next_page_token`, `total_size`), filters by `resource_reference_key`, sorts by
/// `created_at`, checks a Bearer token or a cookie, can sit behind a `/pipeline` prefix, and
/// misbehaves on request: scripted replies by request number, a page token that repeats,
/// a redirect to another server. Every request is recorded.
///
/// ```swift
/// var options = KFPTestServer.Options(runs: TestRun.samples(count: 450))
/// options.token = "secret"                  // requests need `Authorization: Bearer secret`
/// options.script = [2: .html(status: 502, title: "502 Bad Gateway")]  // the 2nd request
/// let server = try KFPTestServer(options)
/// defer { server.stop() }
/// // kfp-runs list \(server.baseURL) --token secret …; then inspect server.requests
/// ```
///
/// Other test targets use it by adding `"KFPTestServer"` to their dependencies.
public final class KFPTestServer: @unchecked Sendable {
  /// What the server holds and how it behaves.
  public struct Options: Sendable {
    /// The runs, in any order (the server sorts as asked).
    public var runs: [TestRun] = []
    /// The experiments.
    public var experiments: [TestExperiment] = []
    /// When set, requests need `Authorization: Bearer TOKEN` (or the cookie, when set too).
    public var token: String?
    /// When set, requests need this `Cookie:` header (or the token, when set too).
    public var cookie: String?
    /// A path prefix in front of `/apis/v1beta1`, e.g. `/pipeline` (the Kubeflow gateway).
    public var pathPrefix = ""
    /// Multi-user mode: listing runs or experiments without a resource reference fails.
    public var multiUser = false
    /// Serves the v2beta1 API beside v1beta1, as a KFP 2.x server does: `healthz`, `runs`
    /// (`experiment_id`, `namespace`), `experiments`, `pipelines/{id}`.
    public var servesV2 = false
    /// Every list answer points to the same next page token (a broken server).
    public var repeatPageToken = false
    /// Every request is redirected to this base URL (path and query kept).
    public var redirectTo: String?
    /// Replies by 1-based request number (every request counts, retries included).
    public var script: [Int: HTTPReply] = [:]
    /// Decides a reply before the normal handling when it returns one.
    public var intercept: (@Sendable (RecordedRequest) -> HTTPReply?)?

    /// Creates options.
    public init(runs: [TestRun] = [], experiments: [TestExperiment] = []) {
      self.runs = runs
      self.experiments = experiments
    }
  }

  /// The largest page the real server hands out.
  public static let maxPageSize = 200
  /// The page size the real server uses for `page_size=0` or none.
  public static let defaultPageSize = 20

  private let options: Options

  /// A run with its wire JSON.
  private struct Listed: Sendable {
    var run: TestRun
    var json: String
    var v2JSON: String

    init(_ run: TestRun) {
      self.run = run
      json = run.json
      v2JSON = run.v2JSON
    }
  }
  private let lock = NSLock()
  // Guarded by `lock`.
  private var recorded: [RecordedRequest] = []
  private var server: LocalHTTPServer?
  /// The runs served, rendered once: pages are cut from these texts.
  private var listed: [Listed]

  /// Starts the server.
  public init(_ options: Options) throws {
    self.options = options
    listed = options.runs.map(Listed.init)
    server = try LocalHTTPServer { [weak self] request in
      guard let self else { return .dropped }
      return self.handle(request, runs: self.lock.withLock { self.listed })
    }
  }

  /// Serves `runs` from now on, as a server whose runs change between requests.
  public func setRuns(_ runs: [TestRun]) {
    let rendered = runs.map(Listed.init)
    lock.withLock { listed = rendered }
  }

  deinit {
    server?.stop()
  }

  /// The port.
  public var port: Int { server?.port ?? 0 }

  /// `http://127.0.0.1:PORT` plus the path prefix: what a user passes as SOURCE.
  public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)\(options.pathPrefix)")! }

  /// Every request received so far, in order.
  public var requests: [RecordedRequest] { lock.withLock { recorded } }

  /// Stops the server (also done on deinit).
  public func stop() {
    server?.stop()
  }

  private func handle(_ request: RecordedRequest, runs: [Listed]) -> HTTPReply {
    let number: Int = lock.withLock {
      recorded.append(request)
      return recorded.count
    }
    if let reply = options.script[number] { return reply }
    if let reply = options.intercept?(request) { return reply }
    if let redirect = options.redirectTo {
      return .redirect(to: redirect + request.target)
    }
    let v2 = options.servesV2 && request.path.hasPrefix(options.pathPrefix + "/apis/v2beta1/")
    guard v2 || request.path.hasPrefix(options.pathPrefix + "/apis/v1beta1/") else {
      return .text("404 page not found\n", status: 404)
    }
    if options.token != nil || options.cookie != nil {
      let tokenOK = options.token.map { request.header("Authorization") == "Bearer \($0)" }
      let cookieOK = options.cookie.map { request.header("Cookie") == $0 }
      if tokenOK != true, cookieOK != true {
        let message =
          request.header("Authorization") == nil && request.header("Cookie") == nil
          ? "Unauthenticated: Request header error: there is no user identity header."
          : "Unauthenticated: Authentication failure: the token is invalid."
        return .apiError(status: 401, message: message, code: 16)
      }
    }
    let route = String(request.path.dropFirst(options.pathPrefix.count + "/apis/v1beta1/".count))
    if v2 { return handleV2(request, route: route, runs: runs) }
    switch route {
    case "healthz":
      return .json(
        "{\"commit_sha\":\"0000000\",\"tag_name\":\"1.8.22\",\"multi_user\":\(options.multiUser)}")
    case "runs":
      return listRuns(request, runs: runs)
    case "experiments":
      return listExperiments(request)
    case let path where path.hasPrefix("runs/"):
      let id = String(path.dropFirst("runs/".count)).removingPercentEncoding ?? ""
      guard let run = runs.first(where: { $0.run.id == id }) else {
        return .apiError(
          status: 404,
          message: "Failed to get run: ResourceNotFoundError: Run \(id) not found.", code: 5)
      }
      return .json(
        "{\"run\":\(run.json),\"pipeline_runtime\":{\"workflow_manifest\":\"{}\"}}")
    default:
      return .text("404 page not found\n", status: 404)
    }
  }

  private func handleV2(_ request: RecordedRequest, route: String, runs: [Listed]) -> HTTPReply {
    switch route {
    case "healthz":
      return .json(
        "{\"commit_sha\":\"0000000\",\"tag_name\":\"2.5.0\",\"multi_user\":\(options.multiUser)}")
    case "runs":
      var selected = runs
      if let id = request.query["experiment_id"] {
        selected = selected.filter { $0.run.experimentID == id }
      } else if let namespace = request.query["namespace"] {
        selected = selected.filter { $0.run.namespace == namespace }
      } else if options.multiUser {
        return .apiError(
          status: 400, message: "Invalid input error: Namespace is required in multi-user mode.",
          code: 3)
      }
      switch request.query["sort_by"] ?? "" {
      case "created_at desc": selected.sort { $0.run.createdAt > $1.run.createdAt }
      default: selected.sort { $0.run.createdAt < $1.run.createdAt }
      }
      return page(request, items: selected.map(\.v2JSON), key: "runs")
    case "experiments":
      var selected = options.experiments
      if let namespace = request.query["namespace"] {
        selected = selected.filter { $0.namespace == namespace }
      }
      return page(request, items: selected.map(\.v2JSON), key: "experiments")
    case let path where path.hasPrefix("pipelines/pl-"):
      let name = String(path.dropFirst("pipelines/pl-".count)).removingPercentEncoding ?? ""
      return .json(
        WireJSON.object([
          ("pipeline_id", WireJSON.quote("pl-" + name)), ("display_name", WireJSON.quote(name)),
        ]))
    case let path where path.hasPrefix("runs/"):
      let id = String(path.dropFirst("runs/".count)).removingPercentEncoding ?? ""
      guard let run = runs.first(where: { $0.run.id == id }) else {
        return .apiError(status: 404, message: "Run \(id) not found.", code: 5)
      }
      return .json(run.v2JSON)
    default:
      return .text("404 page not found\n", status: 404)
    }
  }

  private func listRuns(_ request: RecordedRequest, runs: [Listed]) -> HTTPReply {
    var selected = runs
    switch (
      request.query["resource_reference_key.type"], request.query["resource_reference_key.id"]
    ) {
    case ("EXPERIMENT", let id?):
      selected = selected.filter { $0.run.experimentID == id }
    case ("NAMESPACE", let namespace?):
      selected = selected.filter { $0.run.namespace == namespace }
    default:
      if options.multiUser {
        return .apiError(
          status: 400,
          message:
            "Invalid input error: ListRuns must filter by resource reference in multi-user mode.",
          code: 3)
      }
    }
    switch request.query["sort_by"] ?? "" {
    case "created_at desc": selected.sort { $0.run.createdAt > $1.run.createdAt }
    case "created_at", "created_at asc": selected.sort { $0.run.createdAt < $1.run.createdAt }
    default: break
    }
    return page(request, items: selected.map(\.json), key: "runs")
  }

  private func listExperiments(_ request: RecordedRequest) -> HTTPReply {
    var selected = options.experiments
    if request.query["resource_reference_key.type"] == "NAMESPACE",
      let namespace = request.query["resource_reference_key.id"]
    {
      selected = selected.filter { $0.namespace == namespace }
    } else if options.multiUser {
      return .apiError(
        status: 400,
        message:
          "Invalid input error: In multi-user mode, ListExperiment requires filtering by namespace.",
        code: 3)
    }
    return page(request, items: selected.map(\.json), key: "experiments")
  }

  /// One page of `items` as the server pages: zero values omitted, opaque tokens.
  private func page(_ request: RecordedRequest, items: [String], key: String) -> HTTPReply {
    var size = Int(request.query["page_size"] ?? "0") ?? -1
    if size < 0 {
      return .apiError(status: 400, message: "Invalid input error: Invalid page size.", code: 3)
    }
    if size == 0 { size = Self.defaultPageSize }
    size = min(size, Self.maxPageSize)
    var offset = 0
    if let token = request.query["page_token"], !token.isEmpty {
      guard let decoded = Self.offset(fromToken: token) else {
        return .apiError(
          status: 400, message: "Invalid input error: Invalid package token.", code: 3)
      }
      offset = decoded
    }
    let slice = items.dropFirst(offset).prefix(size)
    let end = offset + slice.count
    let next: String? =
      end < items.count
      ? (options.repeatPageToken ? Self.token(offset: size) : Self.token(offset: end)) : nil
    let body = WireJSON.object([
      (key, slice.isEmpty ? nil : WireJSON.array(Array(slice))),
      ("total_size", items.isEmpty ? nil : String(items.count)),
      ("next_page_token", next.map(WireJSON.quote)),
    ])
    return .json(body)
  }

  /// Tokens look like the real ones: base64 of a small JSON document.
  static func token(offset: Int) -> String {
    Data("{\"SortByFieldValue\":\"x\",\"Offset\":\(offset)}".utf8).base64EncodedString()
  }

  static func offset(fromToken token: String) -> Int? {
    guard let data = Data(base64Encoded: token),
      let text = String(data: data, encoding: .utf8),
      let range = text.range(of: "\"Offset\":")
    else { return nil }
    return Int(text[range.upperBound...].prefix { $0.isNumber })
  }
}
