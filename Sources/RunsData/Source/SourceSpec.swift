import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where runs come from, decided from the `SOURCE` argument.
public enum SourceSpec: Sendable, Hashable {
  /// A directory of run folders holding `mlpipeline-metrics.json` files.
  case directory(String)
  /// A saved KFP API response (JSON or JSON Lines).
  case jsonFile(String)
  /// A KFP API server's base URL.
  case server(URL)
  /// The built-in sample runs.
  case demo

  /// The environment variable the KFP SDK reads for the API endpoint.
  public static let endpointVariable = "KF_PIPELINES_ENDPOINT"

  /// Resolves the `SOURCE` argument: `--demo` wins; an `http://` or `https://` URL is a server;
  /// an existing directory or file is read; no argument means `$KF_PIPELINES_ENDPOINT` when set,
  /// else the current directory. Throws ``SourceError`` when the path does not exist.
  public static func resolve(_ argument: String?, demo: Bool, environment: [String: String]) throws
    -> SourceSpec
  {
    if demo { return .demo }
    guard let argument else {
      if let endpoint = environment[endpointVariable]?.trimmingCharacters(in: .whitespaces),
        !endpoint.isEmpty
      {
        // The SDK takes a bare `host:port` here too, and speaks plain HTTP to it.
        let withScheme = isURL(endpoint) ? endpoint : "http://" + endpoint
        guard let url = serverURL(withScheme) else {
          throw SourceError(
            message:
              "\(endpointVariable) is set to \"\(Redactor.redactingURLPasswords(endpoint))\", "
              + "which is not a valid URL.")
        }
        return .server(url)
      }
      return .directory(".")
    }
    if isURL(argument) {
      guard let url = serverURL(argument) else {
        throw SourceError(
          message:
            "\"\(Redactor.redactingURLPasswords(argument))\" is not a valid URL; write it like "
            + "http://localhost:8888.")
      }
      return .server(url)
    }
    guard !argument.isEmpty else {
      throw SourceError(
        message: "The source is empty: give a directory, a JSON file or an http(s):// URL.")
    }
    switch PathKind.of(argument) {
    case .directory: return .directory(argument)
    case .regularFile: return .jsonFile(argument)
    case .unreachable(let reason):
      throw SourceError(
        message:
          "Cannot read \(argument): \(reason). Give a directory, a JSON file or an http(s):// URL.")
    case .special(let description):
      throw SourceError(
        message: "\(argument) is \(description), neither a directory nor a regular file.")
    }
  }

  private static func isURL(_ text: String) -> Bool {
    let lowered = text.prefix(8).lowercased()
    return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
  }

  private static func serverURL(_ text: String) -> URL? {
    guard let url = URL(string: text), let host = url.host, !host.isEmpty else { return nil }
    return url
  }
}

/// The source could not be used at all (the command exits with status 3).
public struct SourceError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A sentence naming the source and what to do.
  public var message: String

  /// Creates a source error.
  public init(message: String) {
    self.message = message
  }

  public var description: String { message }
}
