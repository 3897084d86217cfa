import Foundation
import Testing

@testable import RunsData

/// URLs from a server (a redirect's `Location`) shown in messages: any query is shown encoded,
/// never a crash (found by the credential tests: a query name holding a space was a fatal error
/// in `URLComponents.percentEncodedQuery`).
@Suite struct HostileServerURLTests {
  @Test(arguments: [
    (
      "http://localhost:8/login?Bearer%20tok%2Bx/y==%20a=b",
      "http://localhost:8/login?Bearer%20tok%2Bx%2Fy=%3D%20a%3Db"
    ),
    ("http://h/p?a%20b=c%20d&e%26f=g", "http://h/p?a%20b=c%20d&e%26f=g"),
    ("http://h/p?%E5%AE%9F=%F0%9F%9A%80&%1B%5B2J", "http://h/p?%E5%AE%9F=%F0%9F%9A%80&%1B%5B2J="),
    ("http://u:pw@h/p?page_token=secret&x=1", "http://h/p?x=1"),
  ])
  func queriesAreShownEncoded(url: String, shown: String) throws {
    let parsed = try #require(URL(string: url))
    #expect(ServerURL.display(parsed) == shown)
  }
}
