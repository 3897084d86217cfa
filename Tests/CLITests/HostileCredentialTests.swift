import Foundation
import KFPTestServer
import Testing

/// Credentials never reach stdout or stderr (SPEC §2.3, §8), whatever the server does: refuse
/// the connection, answer 401, 404 or an HTML 502, or redirect to another host — even when it
/// echoes the request's headers back in its answer.
@Suite(.serialized) struct HostileCredentialTests {
  /// Base64-like, so an echo that percent-encodes them differs from the raw text.
  static let flagToken = "kfpTOK+hostile/7f3a9c=="
  static let flagCookie = "authservice_session=ckHOSTILE+91be/flag="
  static let envToken = "envTOK+hostile/5e1d22=="
  static let envCookie = "authservice_session=envCK+HOSTILE/22aa="

  /// The ways to pass credentials: flags, or the environment.
  static let credentialModes: [(name: String, flags: [String], environment: [String: String])] =
    [
      ("flags", ["--token", flagToken, "--cookie", flagCookie], [:]),
      ("environment", [], ["KFP_TOKEN": envToken, "KFP_COOKIE": envCookie]),
    ]

  /// Every secret, raw and in the encodings a server may echo it in.
  static let forbidden: [String] = [flagToken, flagCookie, envToken, envCookie].flatMap {
    secret in
    let value =
      secret.split(separator: "=", maxSplits: 1).count == 2 && secret.hasPrefix("auth")
      ? [String(secret.split(separator: "=", maxSplits: 1)[1])] : []
    return ([secret] + value).flatMap { [$0, percentEncoded($0)] }
  }

  enum Scenario: String, CaseIterable, CustomTestStringConvertible {
    case refused, unauthorized, notFound, htmlBadGateway, redirectElsewhere, redirectMalformed
    var testDescription: String { rawValue }
  }

  @Test(arguments: Scenario.allCases)
  func noCommandShowsACredential(scenario: Scenario) async throws {
    let echo = try KFPTestServer(Self.echoing(status: 500))
    defer { echo.stop() }
    let server = try Self.server(for: scenario, redirectPort: echo.port)
    defer { server?.stop() }
    let refusing = try RefusingPort()
    let base = server.map { "\($0.baseURL)" } ?? "\(refusing.baseURL)"
    let directory = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()

    for mode in Self.credentialModes {
      let commands = [
        ["list", base], ["browse", base], ["compare", base, "--runs", "a,b"], ["check", base],
      ]
      for command in commands {
        let result = try await BinaryRunner.runRaw(
          command + mode.flags, in: directory, environment: mode.environment)
        // 3: the source cannot be read; `check` takes no credential options (2) nor URLs (3).
        let expected: Int32 = command[0] == "check" && !mode.flags.isEmpty ? 2 : 3
        #expect(result.status == expected, "\(result.text)")
        let output = String(decoding: result.stdout + result.stderr, as: UTF8.self)
        for secret in Self.forbidden where output.contains(secret) {
          Issue.record("\(scenario) \(mode.name) \(command[0]) shows \(secret):\n\(output)")
        }
        #expect(!result.stderr.isEmpty, "\(scenario) \(mode.name) \(command[0]) said nothing")
      }
    }
    // Credentials go only to the origin they were given for.
    for request in echo.requests {
      #expect(request.header("Authorization") == nil, "\(request.target)")
      #expect(request.header("Cookie") == nil, "\(request.target)")
    }
  }

  /// `KF_PIPELINES_SA_TOKEN_PATH` naming a FIFO once made `list` wait forever for a writer.
  @Test func aFIFOTokenPathIsNamedNotWaitedOn() async throws {
    let directory = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
      .appendingPathComponent("kfp-runs-fifo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let fifo = directory.appendingPathComponent("token").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let server = try KFPTestServer(KFPTestServer.Options(runs: TestRun.samples(count: 2)))
    defer { server.stop() }
    let result = try await BinaryRunner.runRaw(
      ["list", "\(server.baseURL)"], in: directory,
      environment: ["KF_PIPELINES_SA_TOKEN_PATH": fifo], deadline: 8)
    // Finishing at all is the point (the reader itself takes well under a second, see
    // ServerOptionsTests); the margin is for a loaded machine starting the binary.
    #expect(result.status == 0, "\(result.text)")
    #expect(result.seconds < 5, "\(result.text)")
    let stderr = String(decoding: result.stderr, as: UTF8.self)
    #expect(stderr.contains("\(fifo): warning: "), "\(stderr)")
    #expect(stderr.contains("it is a FIFO, not a regular file"), "\(stderr)")
  }

  /// A proxy that reflects the request into the data: runs named, grouped and measured with
  /// the credentials. Every command prints the runs with the credentials replaced.
  @Test func runDataCarryingTheCredentialsIsRedacted() async throws {
    let reflected = "auth=Bearer \(Self.envToken) \(Self.envCookie)"
    var options = KFPTestServer.Options(runs: [
      TestRun(
        id: "run-\(Self.envToken)", name: reflected, createdAt: 1_767_200_000,
        experimentID: "e1", experimentName: "exp \(Self.envToken)",
        pipelineName: "pipe \(Self.envCookie)", parameters: [("p", reflected)],
        metrics: [.init(name: "m", nodeID: "node \(Self.envToken)", value: 1)])
    ])
    options.token = Self.envToken
    options.cookie = Self.envCookie
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let directory = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
    let environment = ["KFP_TOKEN": Self.envToken, "KFP_COOKIE": Self.envCookie]
    for command in [
      ["list"], ["list", "--format", "csv"], ["list", "--format", "json"],
      ["compare", "--format", "json"], ["compare", "--format", "markdown"], ["browse"],
    ] {
      let result = try await BinaryRunner.runRaw(
        command + ["\(server.baseURL)"], in: directory, environment: environment)
      #expect(result.status == 0, "\(result.text)")
      let output = String(decoding: result.stdout + result.stderr, as: UTF8.self)
      #expect(output.contains("auth=Bearer [redacted]"), "\(command): \(output)")
      for secret in Self.forbidden where output.contains(secret) {
        Issue.record("\(command) shows \(secret):\n\(output)")
      }
    }
  }

  /// A URL that does not parse is quoted in the error without its password, from the
  /// command line or from KF_PIPELINES_ENDPOINT.
  @Test func anInvalidURLIsQuotedWithoutItsPassword() async throws {
    let directory = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
    let url = "http://alice:S3cret pass@bad host/x"
    for (arguments, environment) in [
      (["list", url], [String: String]()), (["list"], ["KF_PIPELINES_ENDPOINT": url]),
      (["browse", url], [:]), (["compare", url, "--runs", "a"], [:]),
    ] {
      let result = try await BinaryRunner.runRaw(arguments, in: directory, environment: environment)
      let stderr = String(decoding: result.stderr, as: UTF8.self)
      #expect(result.status == 3, "\(result.text)")
      #expect(stderr.contains("alice:[redacted]@bad host"), "\(stderr)")
      #expect(!stderr.contains("S3cret"), "\(stderr)")
    }
  }

  /// A token or cookie pasted with its line end (`$(cat file)` keeps none, a copy does) is
  /// sent without it, as the token file's is: the request is authenticated.
  @Test func aCredentialWithATrailingLineEndIsTrimmed() async throws {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 2))
    options.token = "the-right-token"
    options.cookie = "session=the-right-cookie"
    let server = try KFPTestServer(options)
    defer { server.stop() }
    let directory = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
    for (flags, environment) in [
      (["--token", "the-right-token\r\n"], [String: String]()),
      (["--cookie", "session=the-right-cookie\n"], [:]),
      ([], ["KFP_TOKEN": "the-right-token\n"]),
      ([], ["KFP_COOKIE": "session=the-right-cookie\r\n"]),
    ] {
      let result = try await BinaryRunner.runRaw(
        ["list", "\(server.baseURL)"] + flags, in: directory, environment: environment)
      #expect(result.status == 0, "\(result.text)")
    }
  }

  // MARK: Servers

  /// A server that fails every request with `status`, quoting the request's credentials.
  static func echoing(status: Int) -> KFPTestServer.Options {
    var options = KFPTestServer.Options()
    options.intercept = { request in
      .apiError(status: status, message: echoText(request))
    }
    return options
  }

  static func server(for scenario: Scenario, redirectPort: Int) throws -> KFPTestServer? {
    var options = KFPTestServer.Options(runs: TestRun.samples(count: 3))
    switch scenario {
    case .refused:
      return nil
    case .unauthorized:
      options.token = "the-right-token"
      options.intercept = { request in .apiError(status: 401, message: echoText(request)) }
    case .notFound:
      options.intercept = { request in .text("404 page not found " + echoText(request), status: 404)
      }
    case .htmlBadGateway:
      options.intercept = { request in .html(status: 502, title: "Bad Gateway " + echoText(request))
      }
    case .redirectElsewhere:
      // Another host name for the same machine: a different origin.
      options.intercept = { request in
        let token = request.header("Authorization") ?? ""
        let cookie = request.header("Cookie") ?? ""
        return .redirect(
          to: "http://localhost:\(redirectPort)/apis/v1beta1/runs?next=\(percentEncoded(token))"
            + "&session=\(percentEncoded(cookie))")
      }
    case .redirectMalformed:
      // Spaces and all: not a valid URL, so whatever quotes the header quotes the credentials.
      options.intercept = { request in
        .redirect(
          to: "http://localhost:\(redirectPort)/login?\(request.header("Authorization") ?? "")"
            + " \(request.header("Cookie") ?? "")")
      }
    }
    return try KFPTestServer(options)
  }

  /// The request's credentials as a careless server quotes them: raw and percent-encoded.
  static func echoText(_ request: RecordedRequest) -> String {
    let token = request.header("Authorization") ?? "none"
    let cookie = request.header("Cookie") ?? "none"
    return "rejected Authorization: \(token) (\(percentEncoded(token))), Cookie: \(cookie) "
      + "(\(percentEncoded(cookie)))"
  }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, as a query string carries it.
private func percentEncoded(_ text: String) -> String {
  var allowed = CharacterSet(charactersIn: "-._~")
  allowed.formUnion(CharacterSet(charactersIn: "a"..."z"))
  allowed.formUnion(CharacterSet(charactersIn: "A"..."Z"))
  allowed.formUnion(CharacterSet(charactersIn: "0"..."9"))
  return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}
