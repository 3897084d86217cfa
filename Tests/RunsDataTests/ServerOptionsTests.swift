import Foundation
import RunsCore
import RunsData
import Testing

@Suite struct ServerOptionsTests {
  let base = URL(string: "https://kubeflow.example/pipeline/")!

  func temporaryHome() throws -> String {
    let path = NSTemporaryDirectory() + "kfp-runs-options-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: path + "/.config/kfp", withIntermediateDirectories: true)
    return path
  }

  @Test func theBaseIsNormalised() {
    let options = KFPServerOptions(
      baseURL: URL(string: "https://u:p@host/pipeline/apis/v1beta1/?x=1")!)
    #expect(options.baseURL.absoluteString == "https://host/pipeline")
  }

  @Test func flagsWinOverTheEnvironment() throws {
    let home = try temporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let options = KFPServerOptions.resolve(
      baseURL: base, token: "flag-token", cookie: "flag=cookie", namespace: "flag-ns",
      environment: ["KFP_TOKEN": "env-token", "KFP_COOKIE": "env=cookie"], homeDirectory: home,
      serviceAccountTokenPath: home + "/missing")
    #expect(options.token == "flag-token")
    #expect(options.tokenOrigin == "--token")
    #expect(options.cookie == "flag=cookie")
    #expect(options.namespace == "flag-ns")
    #expect(options.setupProblems.isEmpty)
  }

  @Test func theEnvironmentFillsWhatFlagsLeaveOpen() throws {
    let home = try temporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let options = KFPServerOptions.resolve(
      baseURL: base, environment: ["KFP_TOKEN": "env-token", "KFP_COOKIE": "env=cookie"],
      homeDirectory: home, serviceAccountTokenPath: home + "/missing")
    #expect(options.token == "env-token")
    #expect(options.tokenOrigin == "KFP_TOKEN")
    #expect(options.cookie == "env=cookie")
    #expect(options.cookieOrigin == "KFP_COOKIE")
  }

  @Test func tokenFilesAndTheKfpContext() throws {
    let home = try temporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    try "  sa-token-from-file\n".write(toFile: home + "/token", atomically: true, encoding: .utf8)
    try #"{"namespace": "team-a", "client_authentication_cookie": "authservice_session=abc"}"#
      .write(toFile: home + "/.config/kfp/context.json", atomically: true, encoding: .utf8)
    let viaVariable = KFPServerOptions.resolve(
      baseURL: base, environment: ["KF_PIPELINES_SA_TOKEN_PATH": home + "/token"],
      homeDirectory: home, serviceAccountTokenPath: home + "/missing")
    #expect(viaVariable.token == "sa-token-from-file")
    #expect(viaVariable.tokenOrigin?.contains("KF_PIPELINES_SA_TOKEN_PATH") == true)
    #expect(viaVariable.namespace == "team-a")
    #expect(viaVariable.cookie == "authservice_session=abc")

    let viaDefaultPath = KFPServerOptions.resolve(
      baseURL: base, environment: [:], homeDirectory: home,
      serviceAccountTokenPath: home + "/token")
    #expect(viaDefaultPath.token == "sa-token-from-file")
    #expect(viaDefaultPath.tokenOrigin == home + "/token")

    let none = KFPServerOptions.resolve(
      baseURL: base, namespace: "mine", environment: [:], homeDirectory: home + "/nowhere",
      serviceAccountTokenPath: home + "/missing")
    #expect(none.token == nil)
    #expect(none.cookie == nil)
    #expect(none.namespace == "mine")
    #expect(none.setupProblems.isEmpty)
  }

  @Test func unreadableFilesBecomeWarnings() throws {
    let home = try temporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    try "{not json".write(
      toFile: home + "/.config/kfp/context.json", atomically: true, encoding: .utf8)
    let options = KFPServerOptions.resolve(
      baseURL: base, environment: ["KF_PIPELINES_SA_TOKEN_PATH": home + "/absent"],
      homeDirectory: home, serviceAccountTokenPath: home + "/missing")
    #expect(options.token == nil)
    #expect(options.setupProblems.count == 2)
    #expect(options.setupProblems.allSatisfy { $0.severity == .warning })
    #expect(options.setupProblems[0].message.contains("KF_PIPELINES_SA_TOKEN_PATH"))
    #expect(options.setupProblems[1].message.contains("not valid JSON"))
  }

  /// Opening a FIFO for reading waits for a writer: a token path naming one must not hang.
  @Test func aFIFOAsTheTokenFileIsAWarningNotAHang() throws {
    let home = try temporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    let fifo = home + "/token"
    #expect(mkfifo(fifo, 0o600) == 0)
    let start = Date()
    let options = KFPServerOptions.resolve(
      baseURL: base, environment: ["KF_PIPELINES_SA_TOKEN_PATH": fifo], homeDirectory: home,
      serviceAccountTokenPath: home + "/missing")
    #expect(Date().timeIntervalSince(start) < 1)
    #expect(options.token == nil)
    let problem = try #require(options.setupProblems.first)
    #expect(problem.location == fifo)
    #expect(problem.message.contains("it is a FIFO, not a regular file"), "\(problem.message)")
  }

  /// The kfp context file goes through the same bounded reader: a FIFO there is skipped too.
  @Test func aFIFOAsTheContextFileIsAWarningNotAHang() throws {
    let home = try temporaryHome()
    defer { try? FileManager.default.removeItem(atPath: home) }
    #expect(mkfifo(home + "/.config/kfp/context.json", 0o600) == 0)
    let options = KFPServerOptions.resolve(
      baseURL: base, environment: [:], homeDirectory: home,
      serviceAccountTokenPath: home + "/missing")
    let problem = try #require(options.setupProblems.first)
    #expect(problem.message.contains("it is a FIFO"), "\(problem.message)")
  }

  @Test func insecureAndTheCAFileAreKeptWithoutWarnings() {
    let options = KFPServerOptions.resolve(
      baseURL: base, insecure: true, caCertificateFile: "/etc/kfp/ca.pem", environment: [:],
      homeDirectory: "/nonexistent", serviceAccountTokenPath: "/nonexistent/token")
    #expect(options.insecure)
    #expect(options.caCertificateFile == "/etc/kfp/ca.pem")
    #expect(options.setupProblems.isEmpty)
    #expect(options.description.contains("CA file: /etc/kfp/ca.pem"))
    let plain = KFPServerOptions.resolve(
      baseURL: URL(string: "http://localhost:8888")!, insecure: true, environment: [:],
      homeDirectory: "/nonexistent", serviceAccountTokenPath: "/nonexistent/token")
    #expect(plain.setupProblems.isEmpty)
  }
}
