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
}
