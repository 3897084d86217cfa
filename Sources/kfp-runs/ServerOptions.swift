import ArgumentParser
import Foundation
import RunsData

/// The options only a KFP server uses: how to reach it, which namespace and API to read, and
/// where its metrics are. `SourceOptions` (browse, list, compare, plot) and `watch` share them.
struct ServerOptions: ParsableArguments {
  @Option(help: "The Kubeflow namespace (profile) on a multi-user server.")
  var namespace: String?

  @Option(
    help: ArgumentHelp(
      "Bearer token for the KFP server (default: $KFP_TOKEN). Never printed.",
      discussion: """
        Prefer $KFP_TOKEN or a token file named by $KF_PIPELINES_SA_TOKEN_PATH: other users \
        of the machine see a --token value in `ps`.
        """,
      valueName: "token"))
  var token: String?

  @Option(
    help: ArgumentHelp(
      "Cookie header for the KFP server, e.g. the Kubeflow session cookie (default: $KFP_COOKIE).",
      discussion: "Prefer $KFP_COOKIE: other users of the machine see a --cookie value in `ps`.",
      valueName: "cookie"))
  var cookie: String?

  @Flag(help: "Do not verify the server's TLS certificate.")
  var insecure = false

  @Option(
    name: .customLong("ca-cert"),
    help: ArgumentHelp(
      "Trust the CA certificates in this PEM file too (the kfp SDK's ssl_ca_cert).",
      valueName: "file"))
  var caCertificate: String?

  @Option(
    help: ArgumentHelp(
      "Which KFP API lists a server's runs: v1 (v1beta1), v2 (v2beta1, KFP 2.x) or auto.",
      discussion: "auto (the default) uses v2 when the server answers /apis/v2beta1/healthz.",
      valueName: "v1|v2|auto"))
  var api: KFPAPIChoice?

  @Option(
    help: ArgumentHelp(
      "The ML Metadata gRPC-web endpoint with a KFP 2.x server's metrics.",
      discussion: """
        Default: the server's origin, where the KFP UI reaches it (e.g. a port-forward of \
        svc/ml-pipeline-ui). Give another, e.g. a port-forward of metadata-envoy-service:9090.
        """,
      valueName: "url"))
  var mlmd: String?

  mutating func validate() throws {
    if let mlmd, ServerFlags.mlmdURL(mlmd) == nil {
      throw ValidationError("--mlmd must be an http:// or https:// URL (got \(mlmd))")
    }
  }

  /// The options given, as written on the command line.
  var given: [String] {
    [
      ("--token", token != nil), ("--cookie", cookie != nil),
      ("--namespace", namespace != nil), ("--insecure", insecure),
      ("--ca-cert", caCertificate != nil),
      ("--api", api != nil), ("--mlmd", mlmd != nil),
    ].filter(\.1).map(\.0)
  }

  /// These options as the loader takes them, for the runs of `experiment`.
  func flags(experiment: String?) -> ServerFlags {
    ServerFlags(
      token: token, cookie: cookie, namespace: namespace, experiment: experiment,
      insecure: insecure, caCertificate: caCertificate, api: api, mlmd: mlmd)
  }
}

/// The flags that say how to reach a server and what to take from it.
struct ServerFlags {
  var token: String?
  var cookie: String?
  var namespace: String?
  var experiment: String?
  var insecure = false
  var caCertificate: String?
  var api: KFPAPIChoice?
  var mlmd: String?

  /// `--mlmd` as a URL: http(s) with a host, else `nil`.
  static func mlmdURL(_ text: String) -> URL? {
    guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
      let host = url.host, !host.isEmpty
    else { return nil }
    return url
  }
}

extension KFPAPIChoice: ExpressibleByArgument {}
