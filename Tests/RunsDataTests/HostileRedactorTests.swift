import Testing

@testable import RunsData

/// Credentials a server quotes back in any encoding are redacted (found by the credential tests
/// of the binary: a 401 body and a redirect's URL echoed them percent-encoded).
@Suite struct HostileRedactorTests {
  static let token = "kfpTOK+hostile/7f3a9c=="
  static let cookie = "authservice_session=ck HOSTILE+91be/x="

  @Test(arguments: [
    ("Bearer kfpTOK+hostile/7f3a9c==", "Bearer [redacted]"),
    ("next=Bearer%20kfpTOK%2Bhostile%2F7f3a9c%3D%3D&x=1", "next=Bearer%20[redacted]&x=1"),
    ("t=kfpTOK%2bhostile/7f3a9c%3d=", "t=[redacted]"),
    ("%6B%66%70TOK+hostile%2f7f3a9c==!", "[redacted]!"),
    ("c=authservice_session%3Dck+HOSTILE%2B91be%2Fx%3D", "c=[redacted]"),
    ("ck%20HOSTILE+91be/x=", "[redacted]"),
    ("日本 kfpTOK+hostile/7f3a9c== 🚀", "日本 [redacted] 🚀"),
    ("kfpTOK+hostile/7f3a9c=", "kfpTOK+hostile/7f3a9c="),
    ("kfpTOK%2", "kfpTOK%2"),
    ("%", "%"),
  ])
  func secretsAreFoundInEveryEncoding(text: String, expected: String) {
    let redactor = Redactor(token: Self.token, cookie: Self.cookie)
    #expect(redactor.clean(text) == expected)
  }

  /// A URL's password is found whether or not the URL is valid (a message quotes one that
  /// failed to parse); text without one is left alone.
  @Test(arguments: [
    (
      "\"http://alice:S3cret pass@bad host/x\" is not a valid URL",
      "\"http://alice:[redacted]@bad host/x\" is not a valid URL"
    ),
    (
      "a https://u:p@h:8888/p and http://v:q%40r@h2",
      "a https://u:[redacted]@h:8888/p and http://v:[redacted]@h2"
    ),
    ("http://:only@h", "http://:[redacted]@h"),
    ("http://alice@h/x", "http://alice@h/x"),
    ("http://localhost:8888/apis?a=b@c", "http://localhost:8888/apis?a=b@c"),
    ("http://h:80 failed", "http://h:80 failed"),
    ("no url: a@b", "no url: a@b"),
    ("://", "://"),
  ])
  func urlPasswordsAreRedacted(text: String, expected: String) {
    #expect(Redactor.redactingURLPasswords(text) == expected)
  }
}
