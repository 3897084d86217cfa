import Foundation
import KFPTestServer
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `kfp-runs watch` on a directory that changes while it runs: the lines it prints, the end
/// with `--until-done`, and Ctrl-C.
@Suite struct WatchCommandTests {
  /// A live `kfp-runs watch` whose output goes to files.
  final class Watching {
    let process = Process()
    let stdout: URL
    let stderr: URL

    init(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
      stdout = directory.appendingPathComponent("watch-\(UUID().uuidString).out")
      stderr = directory.appendingPathComponent("watch-\(UUID().uuidString).err")
      _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
      _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
      process.executableURL = BinaryRunner.binary
      process.arguments = arguments
      process.currentDirectoryURL = directory
      var env = ["TZ": "UTC", "LANG": "C.UTF-8", "HOME": directory.path]
      env.merge(environment) { $1 }
      for name in ["ASAN_OPTIONS", "LSAN_OPTIONS"] {
        env[name] = ProcessInfo.processInfo.environment[name]
      }
      process.environment = env
      process.standardOutput = try FileHandle(forWritingTo: stdout)
      process.standardError = try FileHandle(forWritingTo: stderr)
      try process.run()
    }

    deinit { if process.isRunning { process.terminate() } }

    var output: String { (try? String(contentsOf: stdout, encoding: .utf8)) ?? "" }
    var errors: String { (try? String(contentsOf: stderr, encoding: .utf8)) ?? "" }

    /// Waits up to 20 s for `done`; `false` when it never held.
    func wait(until done: () -> Bool) -> Bool {
      let deadline = Date().addingTimeInterval(20)
      while Date() < deadline {
        if done() { return true }
        usleep(20_000)
      }
      return done()
    }

    func lines() -> Int { output.split(separator: "\n").count }

    /// Waits up to 20 s for the process to end; its status, or `nil` if it did not.
    func exitStatus() -> Int32? {
      guard wait(until: { !process.isRunning }) else { return nil }
      return process.terminationStatus
    }
  }

  private func write(_ root: URL, _ path: String, _ text: String) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    // Written next to it and renamed over it, so the watcher never sees it half-written.
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".tmp")
    try Data(text.utf8).write(to: temporary)
    rename(temporary.path, url.path)
  }

  private func metrics(_ name: String, _ value: Double, _ format: String = "RAW") -> String {
    #"{"metrics":[{"name":"\#(name)","numberValue":\#(value),"format":"\#(format)"}]}"#
  }

  private func runJSON(_ status: String) -> String {
    #"{"id":"run-1","name":"train mnist","status":"\#(status)","created_at":"2026-01-02T03:04:05Z"}"#
  }

  /// Times differ from run to run: shown as fixed text.
  private func masked(_ text: String) -> String {
    text.replacingOccurrences(
      of: #""time":"[0-9T:Z-]+""#, with: #""time":"$TIME""#, options: .regularExpression
    ).replacingOccurrences(
      of: #"(?m)^[0-9]{2}:[0-9]{2}:[0-9]{2}  "#, with: "HH:MM:SS  ", options: .regularExpression)
  }

  /// Changes the runs step by step, each once the previous one has been printed.
  private func drive(_ watching: Watching, root: URL) throws {
    #expect(watching.wait { watching.errors.contains("Ctrl-C ends") })
    try write(root, "live/run-1/mlpipeline-metrics.json", metrics("accuracy", 0.925, "PERCENTAGE"))
    #expect(watching.wait { watching.lines() >= 1 })
    try write(root, "live/run-3/train/eval/mlpipeline-metrics.json", metrics("loss", 0.25))
    #expect(watching.wait { watching.lines() >= 2 })
    try FileManager.default.removeItem(at: root.appendingPathComponent("live/run-2"))
    #expect(watching.wait { watching.lines() >= 3 })
    try write(root, "live/run-1/run.json", runJSON("Succeeded"))
    #expect(watching.wait { watching.lines() >= 4 })
  }

  private func liveRuns(_ fixture: Fixture) throws {
    try write(fixture.root, "live/run-1/run.json", runJSON("Running"))
    try write(
      fixture.root, "live/run-1/mlpipeline-metrics.json", metrics("accuracy", 0.91, "PERCENTAGE"))
    try write(fixture.root, "live/run-2/mlpipeline-metrics.json", metrics("loss", 0.5))
  }

  @Test(arguments: ["notifications", "scan"])
  func jsonLinesUntilDone(mode: String) throws {
    let fixture = try Fixture()
    try liveRuns(fixture)
    let arguments = ["watch", "live", "--format", "jsonl", "--until-done", "--interval", "0.1"]
    let watching = try Watching(
      arguments, in: fixture.root,
      environment: mode == "scan" ? ["KFP_RUNS_WATCH_SCAN": "1"] : [:])
    try drive(watching, root: fixture.root)
    let status = watching.exitStatus()
    #expect(status == 0)
    let invocation = Invocation(
      arguments: arguments, status: status ?? -1, stdout: masked(watching.output),
      stderr: watching.errors)
    Golden.check(invocation, fixture: fixture, name: "watch-jsonl-\(mode)")
  }

  @Test func textLinesEndWithControlC() throws {
    let fixture = try Fixture()
    try liveRuns(fixture)
    let arguments = ["watch", "live"]
    let watching = try Watching(arguments, in: fixture.root)
    try drive(watching, root: fixture.root)
    kill(watching.process.processIdentifier, SIGINT)
    let status = watching.exitStatus()
    #expect(status == 0)
    let invocation = Invocation(
      arguments: arguments, status: status ?? -1, stdout: masked(watching.output),
      stderr: watching.errors)
    Golden.check(invocation, fixture: fixture, name: "watch-text")
  }

  /// `--where` keeps the lines of the runs it holds for, before or after the change: a run
  /// coming into the query says what brought it in; one never in it says nothing.
  @Test func whereKeepsTheRunsItHoldsFor() throws {
    let fixture = try Fixture()
    try liveRuns(fixture)
    let arguments = ["watch", "live", "--where", "accuracy > 0.92"]
    let watching = try Watching(arguments, in: fixture.root)
    #expect(watching.wait { watching.errors.contains("watching 0 runs") })
    try write(fixture.root, "live/run-2/mlpipeline-metrics.json", metrics("loss", 0.25))
    try write(
      fixture.root, "live/run-1/mlpipeline-metrics.json", metrics("accuracy", 0.925, "PERCENTAGE"))
    #expect(watching.wait { watching.lines() >= 1 })
    try write(
      fixture.root, "live/run-1/mlpipeline-metrics.json", metrics("accuracy", 0.95, "PERCENTAGE"))
    #expect(watching.wait { watching.lines() >= 2 })
    kill(watching.process.processIdentifier, SIGINT)
    #expect(watching.exitStatus() == 0)
    let lines = masked(watching.output).split(separator: "\n")
    #expect(
      lines == [
        "HH:MM:SS  train mnist  accuracy 91.000% → 92.500% ▲",
        "HH:MM:SS  train mnist  accuracy 92.500% → 95.000% ▲",
      ], "\(watching.output)")
  }

  @Test func aBadWhereIsAUsageError() async throws {
    let fixture = try Fixture()
    try liveRuns(fixture)
    let invocation = try await BinaryRunner.run(
      ["watch", "live", "--where", "accuracy >"], in: fixture.root)
    #expect(invocation.status == 2)
    #expect(invocation.stderr.contains("--where:"))
  }

  /// A server may echo the credentials into a run's name: `watch` never prints them.
  @Test func credentialsAServerEchoesAreRedacted() throws {
    let token = "watchTOK+secret/9d2e=="
    func run(_ id: String, _ status: String, created: Int) -> TestRun {
      TestRun(
        id: id, name: "\(id) \(token)", status: status, createdAt: 1_767_225_600 + created,
        finishedAt: nil, metrics: [])
    }
    let server = try KFPTestServer(.init(runs: [run("a", "Running", created: 100)]))
    defer { server.stop() }
    let fixture = try Fixture()
    let watching = try Watching(
      ["watch", "\(server.baseURL)", "--token", token, "--format", "jsonl", "--interval", "0.2"],
      in: fixture.root)
    #expect(watching.wait { watching.errors.contains("Ctrl-C ends") }, "\(watching.errors)")
    server.setRuns([run("b", "Running", created: 200), run("a", "Succeeded", created: 100)])
    #expect(watching.wait { watching.lines() >= 2 }, "\(watching.errors)")
    kill(watching.process.processIdentifier, SIGINT)
    #expect(watching.exitStatus() == 0)
    #expect(!watching.output.contains(token) && !watching.errors.contains(token))
    #expect(watching.output.contains("b [redacted]"), "\(watching.output)")
  }

  @Test func aSavedFileCannotBeWatched() async throws {
    let fixture = try Fixture()
    let invocation = try await BinaryRunner.run(["watch", "saved.json"], in: fixture.root)
    #expect(invocation.status == 2)
    #expect(invocation.stderr.contains("only a directory or a server can be watched"))
  }
}
