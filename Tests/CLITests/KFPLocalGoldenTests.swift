import Foundation
import TestSupport
import Testing

/// The real `kfp.local` runner (kfp 2.17.3, in `.venv/kfp` from `scripts/python-venvs`) runs a
/// small pipeline in the test; then `list` and `check` read what it wrote. The run folders'
/// timestamps are renamed to fixed ones so the goldens compare; nothing else is touched.
@Suite struct KFPLocalGoldenTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let python = repository.appendingPathComponent(".venv/kfp/bin/python").path
  static let script = repository.appendingPathComponent("Tests/Peers/kfp_local_run.py").path
  /// Present when the venv is; under CI its absence is a failure, not a skip.
  static let available =
    FileManager.default.isExecutableFile(atPath: python)
    || ProcessInfo.processInfo.environment["CI"] != nil

  @Test(.enabled(if: available, "needs .venv/kfp (scripts/python-venvs)"))
  func realKFPLocalOutputs() async throws {
    try #require(
      FileManager.default.isExecutableFile(atPath: Self.python),
      "no \(Self.python): run scripts/python-venvs")
    let fixture = try Fixture()
    let outputs = fixture.root.appendingPathComponent("local_outputs")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.python)
    process.arguments = [Self.script, outputs.path]
    process.currentDirectoryURL = fixture.root
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let status = try await onOwnThread {
      try process.run()
      process.waitUntilExit()
      return process.terminationStatus
    }
    try #require(status == 0, "kfp_local_run.py failed")
    let fixed = [
      "edge-pipeline": "2026-12-04-15-00-13-732118",
      "nonfinite-pipeline": "2026-12-04-15-01-02-000042",
    ]
    let folders = try FileManager.default.contentsOfDirectory(atPath: outputs.path)
    #expect(folders.count == 2, "\(folders)")
    for folder in folders {
      let pipeline = String(folder.dropLast(27))
      let stamp = try #require(fixed[pipeline], "unexpected run folder \(folder)")
      try FileManager.default.moveItem(
        at: outputs.appendingPathComponent(folder),
        to: outputs.appendingPathComponent("\(pipeline)-\(stamp)"))
    }
    let edge = "local_outputs/edge-pipeline-" + fixed["edge-pipeline"]!
    // A file given alone is dated by its modification time: fixed here too.
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 1_780_000_000)],
      ofItemAtPath: fixture.root.appendingPathComponent(edge + "/train-2/executor_output.json").path
    )
    let cases: [(String, [String])] = [
      ("kfp-local-list-json", ["list", "local_outputs", "--format", "json"]),
      ("kfp-local-list", ["list", "local_outputs", "--all-metrics"]),
      ("kfp-local-check", ["check", "local_outputs"]),
      ("kfp-local-one-run", ["list", edge]),
      ("kfp-local-one-task", ["list", edge + "/train-2/executor_output.json", "--format", "csv"]),
      (
        "kfp-local-compare",
        ["compare", edge, "--runs", "edge-pipeline-" + fixed["edge-pipeline"]!]
      ),
    ]
    for (name, arguments) in cases {
      Golden.check(
        try await BinaryRunner.run(arguments, in: fixture.root), fixture: fixture, name: name)
    }
  }
}
