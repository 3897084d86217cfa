import Foundation

/// URLs of API requests: built from the base, compared by origin, shown without credentials.
enum ServerURL {
  /// `url` as shown in problems: no user or password, no `page_token` value.
  static func display(_ url: URL) -> String {
    guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
      return "<url>"
    }
    components.user = nil
    components.password = nil
    if let items = components.queryItems {
      let kept = items.filter { $0.name != "page_token" }
      components.percentEncodedQuery =
        kept.isEmpty
        ? nil
        // Names encoded too: a redirect's query may hold anything, and an invalid character in
        // `percentEncodedQuery` is a fatal error in Foundation.
        : kept.map { "\(encode($0.name))=\(encode($0.value ?? ""))" }.joined(separator: "&")
    }
    return components.string ?? "<url>"
  }

  /// `{base}/apis/{version}/{path}?{query}`, every query value percent-encoded.
  static func api(
    _ base: URL, path: String, query: [(String, String)] = [], version: KFPAPIVersion = .v1
  ) -> URL {
    var text = base.absoluteString
    while text.hasSuffix("/") { text.removeLast() }
    text += "/apis/\(version.rawValue)/" + path
    if !query.isEmpty {
      text += "?" + query.map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&")
    }
    return URL(string: text) ?? base
  }

  /// Percent-encodes everything but RFC 3986 unreserved characters (a space becomes `%20`).
  static func encode(_ value: String) -> String {
    var unreserved = CharacterSet.alphanumerics
    unreserved.insert(charactersIn: "-._~")
    // `alphanumerics` includes non-ASCII letters: restrict to ASCII explicitly.
    var out = ""
    for scalar in value.unicodeScalars {
      if scalar.isASCII, unreserved.contains(scalar) {
        out.unicodeScalars.append(scalar)
      } else {
        for byte in String(scalar).utf8 {
          out += String(format: "%%%02X", byte)
        }
      }
    }
    return out
  }

  /// Scheme, host and port: credentials go only where the origin equals the base's.
  static func origin(_ url: URL) -> String {
    let scheme = url.scheme?.lowercased() ?? ""
    let host = url.host?.lowercased() ?? ""
    let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
    return "\(scheme)://\(host):\(port)"
  }
}
