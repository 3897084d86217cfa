import Foundation
import RunsCore

/// Everything the KFP server source needs: where the API is, credentials and scope.
///
/// `description` never shows the token or the cookie, so the options can be logged or shown.
public struct KFPServerOptions: Sendable, Hashable {
  /// The API base, e.g. `http://localhost:8888` or `https://HOST/pipeline`; requests go to
  /// `{baseURL}/apis/v1beta1/...`.
  public var baseURL: URL
  /// Sent as `Authorization: Bearer TOKEN`.
  public var token: String?
  /// Where the token came from (`--token`, `KFP_TOKEN`, a file), for messages.
  public var tokenOrigin: String?
  /// Sent as the `Cookie:` header (the Kubeflow dashboard session cookie).
  public var cookie: String?
  /// Where the cookie came from (`--cookie`, `KFP_COOKIE`, `context.json`), for messages.
  public var cookieOrigin: String?
  /// Lists the runs of this namespace (multi-user mode needs it or an experiment).
  public var namespace: String?
  /// Lists the runs of this experiment, by name or id.
  public var experiment: String?
  /// Skips TLS certificate verification where the platform allows it.
  public var insecure: Bool
  /// Stops after this many runs.
  public var limit: Int?
  /// Runs asked for per request (the server caps it at 200).
  public var pageSize: Int
  /// Seconds a request may go without progress.
  public var timeout: TimeInterval
  /// Retries of transient failures.
  public var retry: RetryPolicy
  /// The most pages one listing follows (``defaultPageCap``), so a server that never stops
  /// handing out page tokens cannot keep the client loading forever.
  public var pageCap = Self.defaultPageCap
  /// 5,000 pages: a million runs at 200 a page, far beyond any real server's listing.
  public static let defaultPageCap = 5_000
  /// Which API lists the runs: v1beta1, v2beta1, or whichever the server answers (`auto`).
  public var api: KFPAPIChoice = .auto
  /// The gRPC-web endpoint of ML Metadata (`--mlmd`); `nil`: the base URL's origin, where the
  /// KFP UI itself reaches it.
  public var mlmdURL: URL?
  /// Problems met while gathering these options (an unreadable token file, a bad
  /// `context.json`); the source reports them with its own.
  public var setupProblems: [Problem]

  /// Creates options; the base URL is normalised (no trailing `/`, no `/apis/v1beta1` suffix,
  /// no query, no user or password).
  public init(
    baseURL: URL, token: String? = nil, cookie: String? = nil, namespace: String? = nil,
    experiment: String? = nil, insecure: Bool = false, limit: Int? = nil, pageSize: Int = 200,
    timeout: TimeInterval = 30, retry: RetryPolicy = .standard
  ) {
    self.baseURL = Self.normalized(baseURL)
    self.token = Self.credential(token)
    self.tokenOrigin = self.token == nil ? nil : "--token"
    self.cookie = Self.credential(cookie)
    self.cookieOrigin = self.cookie == nil ? nil : "--cookie"
    self.namespace = namespace.flatMap { $0.isEmpty ? nil : $0 }
    self.experiment = experiment.flatMap { $0.isEmpty ? nil : $0 }
    self.insecure = insecure
    self.limit = limit.map { max(0, $0) }
    self.pageSize = min(max(1, pageSize), 200)
    self.timeout = timeout
    self.retry = retry
    self.setupProblems = []
  }

  /// The base URL as shown to people: no credentials (the options never hold any in it).
  public var displayBase: String { ServerURL.display(baseURL) }

  /// A token or cookie as sent: without the spaces and line ends around it (`$(cat file)`,
  /// a copy with its newline), which would make the request invalid or unauthenticated;
  /// `nil` when nothing is left.
  static func credential(_ text: String?) -> String? {
    guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty
    else { return nil }
    return trimmed
  }

  /// Strips what does not belong in an API base.
  static func normalized(_ url: URL) -> URL {
    guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
      return url
    }
    components.user = nil
    components.password = nil
    components.query = nil
    components.fragment = nil
    var path = components.path
    while path.hasSuffix("/") { path.removeLast() }
    for suffix in ["/apis/v1beta1", "/apis"] where path.hasSuffix(suffix) {
      path.removeLast(suffix.count)
    }
    components.path = path
    return components.url ?? url
  }
}

extension KFPServerOptions: CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  /// A one-line summary with credentials replaced by where they came from.
  public var description: String {
    var parts = ["base: \(displayBase)"]
    parts.append("token: " + (token == nil ? "none" : "<redacted> from \(tokenOrigin ?? "?")"))
    parts.append("cookie: " + (cookie == nil ? "none" : "<redacted> from \(cookieOrigin ?? "?")"))
    if let namespace { parts.append("namespace: \(namespace)") }
    if let experiment { parts.append("experiment: \(experiment)") }
    if insecure { parts.append("insecure") }
    if let limit { parts.append("limit: \(limit)") }
    if api != .auto { parts.append("api: \(api.rawValue)") }
    if let mlmdURL { parts.append("mlmd: \(ServerURL.display(mlmdURL))") }
    return "KFPServerOptions(" + parts.joined(separator: ", ") + ")"
  }

  public var debugDescription: String { description }

  /// Mirrors the redacted description so `dump` and test failure output never show secrets.
  public var customMirror: Mirror {
    Mirror(self, children: ["summary": description], displayStyle: .struct)
  }
}
