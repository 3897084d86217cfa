import Foundation

/// The KFP 2.x test server (`Tests/Peers/kfp2_server.py`): the real ML Metadata store behind a
/// gRPC-web front, and the v2beta1 REST API, in `.venv/mlmd` (made by `scripts/python-venvs`).
///
/// Tests that use it are enabled when the venv exists, and under CI (`CI` set) always: there a
/// missing venv fails the test instead of skipping it. The server stops when this object goes.
public final class KFP2Peer: @unchecked Sendable {
  /// The repository the tests run from.
  public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  /// The venv's Python.
  public static let python = repository.appendingPathComponent(".venv/mlmd/bin/python").path
  /// The server script.
  public static let script = repository.appendingPathComponent("Tests/Peers/kfp2_server.py").path
  /// Whether tests that need the peer run: the venv exists, or CI demands it.
  public static let enabled =
    FileManager.default.isExecutableFile(atPath: python)
    || ProcessInfo.processInfo.environment["CI"] != nil

  /// Why the peer could not start, or refused a change.
  public struct StartError: Error, CustomStringConvertible {
    public var description: String
  }

  /// The port on 127.0.0.1.
  public let port: Int
  private let process: Process
  private let input: FileHandle
  private let output: FileHandle
  private let lock = NSLock()

  /// The server's base URL (REST at `/apis/…`, MLMD at `/ml_metadata.…`).
  public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

  /// Starts the server with `arguments` (`--token`, `--cookie`, `--big-run`, `--bench-runs N`,
  /// `--bench-only`, `--delay-ms N`) and waits for its port.
  public init(arguments: [String] = []) throws {
    guard FileManager.default.isExecutableFile(atPath: Self.python) else {
      throw StartError(description: "no \(Self.python): run scripts/python-venvs")
    }
    let stdin = Pipe()
    let stdout = Pipe()
    process = Process()
    process.executableURL = URL(fileURLWithPath: Self.python)
    process.arguments = [Self.script] + arguments
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    input = stdin.fileHandleForWriting
    output = stdout.fileHandleForReading
    guard let line = Self.readLine(output), let port = Int(line) else {
      process.terminate()
      process.waitUntilExit()
      throw StartError(description: "kfp2_server.py printed no port")
    }
    self.port = port
  }

  deinit {
    try? input.close()
    // Closing stdin is not enough: a process another test started meanwhile (a `kfp-runs
    // watch` that runs until told) may hold a copy of the pipe, and waiting for this server to
    // see the end would hold a thread of the cooperative pool until then, which with two
    // threads stalled the whole suite. SIGKILL: a child spawned from a pool thread may have
    // SIGTERM blocked.
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }

  /// Switches fault `name` (`mlmd403`, `mlmd502`, `unavailable`, `truncate`, `endless`,
  /// `rest401`, `rest500`) to `value`.
  public func set(_ name: String, _ value: Int = 1) {
    _ = command("set \(name) \(value)")
  }

  /// Adds run `id`, the newest, in v2beta1 `state` (e.g. `RUNNING`), with its run context in
  /// ML Metadata and no tasks yet.
  public func addRun(_ id: String, name: String, state: String) throws {
    try change("add-run \(id) \(state) \(name)")
  }

  /// Puts task `task` of run `id` in execution state `state` (`RUNNING`, `COMPLETE`, …); with
  /// `metrics`, a `system.Metrics` artifact holding them, as KFP's launcher publishes it.
  public func task(
    _ id: String, _ task: String, state: String, metrics: [String: Double]? = nil
  ) throws {
    var line = "task \(id) \(task) \(state)"
    if let metrics {
      let data = try JSONSerialization.data(withJSONObject: metrics, options: [.sortedKeys])
      line += " " + String(decoding: data, as: UTF8.self)
    }
    try change(line)
  }

  /// Sets run `id`'s v2beta1 state (`SUCCEEDED`, `FAILED`, …).
  public func setState(_ id: String, _ state: String) throws {
    try change("state \(id) \(state)")
  }

  private func change(_ line: String) throws {
    let answer = command(line)
    guard answer == "ok" else { throw StartError(description: "\(line): \(answer)") }
  }

  /// Zeroes the counts and clears the faults.
  public func reset() {
    _ = command("reset")
  }

  /// MLMD calls by method, and REST calls, since the start or the last `reset`.
  public func stats() -> (mlmd: [String: Int], rest: Int) {
    let line = command("stats")
    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    else { return ([:], 0) }
    return (object["mlmd"] as? [String: Int] ?? [:], object["rest"] as? Int ?? 0)
  }

  /// When each page of `/apis/v2beta1/runs` was sent since the start or the last `reset`:
  /// `CLOCK_MONOTONIC` nanoseconds, comparable with the same clock read in this process.
  public func runsPageTimes() -> [UInt64] {
    let line = command("pages")
    return (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [NSNumber])?
      .map(\.uint64Value) ?? []
  }

  private func command(_ text: String) -> String {
    lock.lock()
    defer { lock.unlock() }
    input.write(Data((text + "\n").utf8))
    return Self.readLine(output) ?? ""
  }

  /// One line from `handle`, byte by byte (nothing past the newline is consumed).
  private static func readLine(_ handle: FileHandle) -> String? {
    var bytes: [UInt8] = []
    while true {
      guard let data = try? handle.read(upToCount: 1), let byte = data.first else {
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
      }
      if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
      bytes.append(byte)
    }
  }
}
