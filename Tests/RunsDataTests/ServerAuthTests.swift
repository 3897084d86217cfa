import Foundation
import KFPTestServer
import RunsCore
import RunsData
import Testing

@Suite struct ServerAuthTests {
  static let token = "s3cr3t-token-VALUE-1234567890"
  static let cookie = "authservice_session=MTY5OTk5OTk5OXxzZXNzaW9uLWNvb2tpZQ"

  @Test func theTokenIsSentAsBearer() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    options.token = Self.token
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL, token: Self.token)).load()
    #expect(result.runs.count == 3)
    #expect(server.requests.first?.header("Authorization") == "Bearer \(Self.token)")
    #expect(server.requests.first?.header("Cookie") == nil)
  }

  @Test func theCookieIsSentAsCookie() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    options.cookie = Self.cookie
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL, cookie: Self.cookie)).load()
    #expect(result.runs.count == 3)
    #expect(server.requests.first?.header("Cookie") == Self.cookie)
    #expect(server.requests.first?.header("Authorization") == nil)
  }

  @Test func noTokenNamesTheFlagAndTheVariable() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    options.token = Self.token
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("HTTP 401 Unauthorized"))
    #expect(failure.message.contains("--token or KFP_TOKEN"))
    #expect(server.requests.count == 1)
  }

  @Test func aWrongTokenIsNeverShown() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    options.token = "the-right-one"
    // A proxy that echoes the header it got, which must not reach the person either.
    options.intercept = { request in
      .apiError(status: 401, message: "bad credentials: \(request.header("Authorization") ?? "")")
    }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let sourceOptions = testOptions(server.baseURL, token: Self.token, cookie: Self.cookie)
    let result = await testSource(sourceOptions).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("did not accept the token from --token"))
    #expect(failure.message.contains("[redacted]"))
    let everything =
      texts(result.problems) + String(describing: sourceOptions)
      + String(reflecting: sourceOptions) + "\(sourceOptions)"
    #expect(!everything.contains(Self.token))
    #expect(!everything.contains("MTY5OTk5OTk5OXxzZXNzaW9uLWNvb2tpZQ"))
    var dumped = ""
    dump(sourceOptions, to: &dumped)
    #expect(!dumped.contains(Self.token))
    #expect(String(describing: sourceOptions).contains("token: <redacted> from --token"))
  }

  @Test func forbiddenSaysWhatToCheck() async throws {
    var options = KFPTestServer.Options()
    options.intercept = { _ in .apiError(status: 403, message: "PermissionDenied: not allowed") }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(
      testOptions(server.baseURL, token: Self.token, namespace: "team-a")
    ).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("HTTP 403 Forbidden: PermissionDenied: not allowed"))
    #expect(failure.message.contains("in namespace team-a"))
    #expect(failure.message.contains("--token or KFP_TOKEN"))
  }

  @Test func aRedirectToAnotherHostCarriesNoCredentials() async throws {
    let target = try KFPTestServer(.init(runs: TestRun.samples(count: 3)))
    defer { target.stop() }
    var options = KFPTestServer.Options()
    options.redirectTo = "http://localhost:\(target.port)"
    let front = try KFPTestServer(options)
    defer { front.stop() }
    let sourceOptions = testOptions(front.baseURL, token: Self.token, cookie: Self.cookie)
    let result = await testSource(sourceOptions).load()
    #expect(result.runs.count == 3)
    #expect(front.requests.first?.header("Authorization") == "Bearer \(Self.token)")
    let followed = try #require(target.requests.first)
    #expect(followed.header("Authorization") == nil)
    #expect(followed.header("Cookie") == nil)
    #expect(followed.query["page_size"] == "200")
  }

  @Test func aRedirectToAnotherHostThatNeedsAuthSaysWhy() async throws {
    var targetOptions = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    targetOptions.token = Self.token
    let target = try KFPTestServer(targetOptions)
    defer { target.stop() }
    var options = KFPTestServer.Options()
    options.redirectTo = "http://localhost:\(target.port)"
    let front = try KFPTestServer(options)
    defer { front.stop() }
    let result = await testSource(testOptions(front.baseURL, token: Self.token)).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("redirected to http://localhost:\(target.port)"))
    #expect(failure.message.contains("sends no credentials"))
    #expect(!failure.message.contains(Self.token))
  }

  @Test func aLoginPageAfterARedirectAsksForTheCookie() async throws {
    var options = KFPTestServer.Options()
    options.intercept = { request in
      request.path.hasPrefix("/dex")
        ? .html(status: 200, title: "Log in to Your Account")
        : .redirect(to: "/dex/auth?client_id=kubeflow-oidc-authservice")
    }
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let result = await testSource(testOptions(server.baseURL)).load()
    let failure = try #require(result.sourceFailure)
    #expect(failure.message.contains("login page"))
    #expect(failure.message.contains("--cookie or KFP_COOKIE"))
    #expect(server.requests.last?.path == "/dex/auth")
  }

  @Test func insecureShowsInTheDescription() {
    let options = KFPServerOptions(
      baseURL: URL(string: "https://kubeflow.example/pipeline")!, insecure: true)
    #expect(options.insecure)
    #expect(options.description.contains("insecure"))
  }
}
