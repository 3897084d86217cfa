import Foundation
import RunsCore

/// The KFP SDK's conventions, so a `kfp.Client` user needs no new setup.
extension KFPServerOptions {
  /// Where a Kubeflow notebook finds its pipelines service-account token.
  public static let serviceAccountTokenPath = "/var/run/secrets/kubeflow/pipelines/token"

  /// Options from the command-line flags, filling what the flags leave open like the KFP SDK:
  ///
  /// * token: `--token`, else `KFP_TOKEN`, else the file `KF_PIPELINES_SA_TOKEN_PATH` names,
  ///   else `serviceAccountTokenPath` when that file exists;
  /// * cookie: `--cookie`, else `KFP_COOKIE`, else `client_authentication_cookie` of
  ///   `~/.config/kfp/context.json`;
  /// * namespace: `--namespace`, else `namespace` of that `context.json`.
  ///
  /// Unreadable files become `setupProblems` (warnings); nothing here fails.
  public static func resolve(
    baseURL: URL, token: String? = nil, cookie: String? = nil, namespace: String? = nil,
    experiment: String? = nil, insecure: Bool = false, caCertificateFile: String? = nil,
    limit: Int? = nil,
    environment: [String: String], homeDirectory: String,
    serviceAccountTokenPath: String = KFPServerOptions.serviceAccountTokenPath
  ) -> KFPServerOptions {
    var options = KFPServerOptions(
      baseURL: baseURL, token: token, cookie: cookie, namespace: namespace,
      experiment: experiment, insecure: insecure, limit: limit)
    options.caCertificateFile = caCertificateFile
    var problems: [Problem] = []
    if let user = URLComponents(url: baseURL, resolvingAgainstBaseURL: true)?.user,
      !user.isEmpty
    {
      problems.append(
        Problem(
          location: options.displayBase, severity: .warning,
          message:
            "User and password in the URL are not used: pass a token with --token or "
            + "KFP_TOKEN, or a session cookie with --cookie or KFP_COOKIE."))
    }

    if options.token == nil {
      if let value = credential(environment["KFP_TOKEN"]) {
        options.token = value
        options.tokenOrigin = "KFP_TOKEN"
      } else if let path = nonEmpty(environment["KF_PIPELINES_SA_TOKEN_PATH"]) {
        switch readSmallFile(path) {
        case .success(let text):
          options.token = nonEmpty(text.trimmingCharacters(in: .whitespacesAndNewlines))
          options.tokenOrigin = "the file KF_PIPELINES_SA_TOKEN_PATH names (\(path))"
          if options.token == nil {
            problems.append(
              Problem(
                location: path, severity: .warning,
                message:
                  "The token file KF_PIPELINES_SA_TOKEN_PATH names is empty: requests go "
                  + "without a token."))
          }
        case .failure(let reason):
          problems.append(
            Problem(
              location: path, severity: .warning,
              message:
                "Could not read the token file KF_PIPELINES_SA_TOKEN_PATH names (\(reason)): "
                + "requests go without a token."))
        }
      } else if FileManager.default.fileExists(atPath: serviceAccountTokenPath) {
        switch readSmallFile(serviceAccountTokenPath) {
        case .success(let text):
          options.token = nonEmpty(text.trimmingCharacters(in: .whitespacesAndNewlines))
          options.tokenOrigin = options.token == nil ? nil : serviceAccountTokenPath
        case .failure(let reason):
          problems.append(
            Problem(
              location: serviceAccountTokenPath, severity: .warning,
              message:
                "Could not read the pipelines service-account token (\(reason)): requests go "
                + "without a token."))
        }
      }
    }
    if options.token != nil, options.tokenOrigin == nil { options.tokenOrigin = "--token" }

    if options.cookie == nil, let value = credential(environment["KFP_COOKIE"]) {
      options.cookie = value
      options.cookieOrigin = "KFP_COOKIE"
    }
    if options.cookie == nil || options.namespace == nil {
      let contextPath = (homeDirectory as NSString)
        .appendingPathComponent(".config/kfp/context.json")
      let context = readContext(contextPath)
      problems += context.problems
      if options.cookie == nil, let value = credential(context.cookie) {
        options.cookie = value
        options.cookieOrigin = "client_authentication_cookie in \(contextPath)"
      }
      if options.namespace == nil, let value = context.namespace {
        options.namespace = value
      }
    }
    options.setupProblems = problems
    return options
  }

  private static func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
  }

  /// Credentials and context files are small; anything larger is not one.
  static let credentialFileLimit = 1 << 20

  /// A credentials-sized file as text, or why it could not be read ("it is a FIFO, …").
  private static func readSmallFile(_ path: String) -> Result<String, ReadFailure> {
    let outcome = BoundedFile.read(path, limit: credentialFileLimit)
    if let bytes = outcome.bytes { return .success(String(decoding: bytes, as: UTF8.self)) }
    return .failure(
      ReadFailure(description: "it " + (outcome.reason(limit: credentialFileLimit) ?? "")))
  }

  private struct ReadFailure: Error, CustomStringConvertible {
    var description: String
  }

  /// `namespace` and `client_authentication_cookie` of the kfp CLI's `context.json`.
  private static func readContext(_ path: String) -> (
    namespace: String?, cookie: String?, problems: [Problem]
  ) {
    guard FileManager.default.fileExists(atPath: path) else { return (nil, nil, []) }
    let text: String
    switch readSmallFile(path) {
    case .success(let contents): text = contents
    case .failure(let reason):
      return (
        nil, nil,
        [
          Problem(
            location: path, severity: .warning,
            message: "Could not read the kfp context file (\(reason)); it is ignored.")
        ]
      )
    }
    let json: JSONValue
    do {
      json = try JSONParser.parse(text)
    } catch {
      return (
        nil, nil,
        [
          Problem(
            location: path, severity: .warning,
            message: "The kfp context file is not valid JSON (\(error.description)); it is ignored."
          )
        ]
      )
    }
    guard json.objectValue != nil else {
      return (
        nil, nil,
        [
          Problem(
            location: path, severity: .warning,
            message:
              "The kfp context file is a JSON \(json.typeName), not an object; it is ignored.")
        ]
      )
    }
    return (
      nonEmpty(json["namespace"]?.stringValue),
      nonEmpty(json["client_authentication_cookie"]?.stringValue), []
    )
  }
}
