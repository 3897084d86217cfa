import Foundation
import KFPTestServer
import Testing

/// The real binary on the hostile tree (SPEC §8): it finishes, exits with the documented code,
/// and nothing from a run reaches stdout or stderr as a control sequence.
@Suite struct HostileCLITests {
  /// Every output format and command that prints run text.
  static let commands: [(arguments: [String], status: Int32)] = [
    (["list", "."], 0),
    (["list", ".", "--all-metrics"], 0),
    (["list", ".", "--format", "csv", "--all-metrics"], 0),
    (["list", ".", "--format", "json"], 0),
    (["list", ".", "--format", "markdown", "--all-metrics", "--sort", "name:desc"], 0),
    (["list", ".", "--filter", "\u{1B}[2J"], 0),
    (["list", ".", "--sort", "no-such-\u{1B}[31m-metric"], 2),
    (["browse", "."], 0),
    (["check", "."], 1),
    (["compare", ".", "--runs", "good-id,cjk-id,controls,\(HostileTree.controlDirectory)"], 0),
    (["compare", ".", "--runs", "good-id,controls", "--format", "csv"], 0),
    (["compare", ".", "--runs", "good-id,controls", "--format", "json"], 0),
    (["compare", ".", "--runs", "good-id,controls", "--format", "markdown"], 0),
    (["compare", ".", "--runs", "good-id,\u{1B}]0;x\u{07}"], 2),
    // The argument parser's own messages quote what was typed.
    (["list", ".", "--format", "\u{1B}]0;PWNED\u{07}"], 2),
    (["list", ".", "--no-such-\u{1B}[2J"], 2),
    (["list", ".", "--limit", "\u{9B}31m"], 2),
    (["no-such-command-\u{1B}]0;PWNED\u{07}", "extra"], 2),
  ]

  @Test func everyCommandFinishesSafelyWithItsExitCode() async throws {
    let tree = try HostileTree()
    let root = URL(fileURLWithPath: tree.root)
    for (arguments, status) in Self.commands {
      let result = try await BinaryRunner.runRaw(arguments, in: root)
      #expect(result.status == status, "\(result.text)")
      if let hazard = HostileRunner.terminalHazard(in: result.stdout) {
        Issue.record("stdout of \(arguments): \(hazard)")
      }
      if let hazard = HostileRunner.terminalHazard(in: result.stderr) {
        Issue.record("stderr of \(arguments): \(hazard)")
      }
    }
  }

  @Test func listShowsEveryRunAndCountsTheProblems() async throws {
    let tree = try HostileTree()
    let result = try await BinaryRunner.runRaw(
      ["list", ".", "--format", "csv"], in: URL(fileURLWithPath: tree.root))
    #expect(result.status == 0)
    let stdout = String(decoding: result.stdout, as: UTF8.self)
    let lines = stdout.split(separator: "\n")
    #expect(lines.count == tree.cases.count + 1, "\(stdout)")
    for id in ["good-id", "cjk-id", "fifo", "socket", "wrong-types", "raw-\u{FFFD}\u{FFFD}"] {
      #expect(lines.contains { $0.hasPrefix(id + ",") }, "no line for \(id)")
    }
    #expect(stdout.contains(HostileTree.cjkName))
    // The control run's name arrives with each control replaced, its printable text kept.
    #expect(stdout.contains("\u{FFFD}[2J\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}31mred\u{FFFD}txt.exe"))
    let stderr = String(decoding: result.stderr, as: UTF8.self)
    #expect(stderr.contains("problems: run 'kfp-runs check"), "\(stderr)")
  }

  @Test func checkNamesEveryBadFile() async throws {
    let tree = try HostileTree()
    let result = try await BinaryRunner.runRaw(
      ["check", tree.root], in: URL(fileURLWithPath: tree.root))
    #expect(result.status == 1)
    let stdout = String(decoding: result.stdout, as: UTF8.self)
    for hostile in tree.cases {
      for bad in hostile.badFiles where !bad.hasPrefix("deep-dirs/") {
        #expect(stdout.contains(tree.path(bad) + ":"), "check does not name \(bad)")
      }
    }
    #expect(stdout.contains("nested more than"))
  }

  @Test(arguments: [
    "fifo/mlpipeline-metrics.json", "socket/mlpipeline-metrics.json",
    "loop/self/mlpipeline-metrics.json", "deep/mlpipeline-metrics.json",
    "random/run.json", "empty/run.json",
  ])
  func aHostileFileAsTheSourceFailsCleanly(relative: String) async throws {
    let tree = try HostileTree()
    let root = URL(fileURLWithPath: tree.root)
    for command in ["list", "browse"] {
      let result = try await BinaryRunner.runRaw([command, relative], in: root, deadline: 30)
      #expect(result.status == 3, "\(result.text)")
      #expect(result.stdout.isEmpty)
      #expect(String(decoding: result.stderr, as: UTF8.self).contains(relative), "\(result.text)")
    }
  }

  /// A symlink loop is named as a loop, not as a missing file; a FIFO or socket is named for
  /// what it is and skipped; whether given directly or found in a runs directory.
  @Test func checkNamesLoopsAndSpecialFiles() async throws {
    let tree = try HostileTree()
    let root = URL(fileURLWithPath: tree.root)
    let loop = "loop/self/\(HostileTree.metricsFile)"
    for command in [["check", loop], ["list", loop]] {
      let result = try await BinaryRunner.runRaw(command, in: root)
      let stderr = String(decoding: result.stderr, as: UTF8.self)
      #expect(result.status == 3, "\(result.text)")
      #expect(stderr.contains("symlink loop"), "\(command): \(stderr)")
      #expect(!stderr.lowercased().contains("no such file"), "\(command): \(stderr)")
    }
    let special = [("fifo", "a FIFO"), ("socket", "a socket")]
    for (directory, kind) in special {
      let path = "\(directory)/\(HostileTree.metricsFile)"
      let result = try await BinaryRunner.runRaw(["check", path], in: root)
      #expect(result.status == 1, "\(result.text)")
      let stdout = String(decoding: result.stdout, as: UTF8.self)
      #expect(stdout.hasPrefix("\(path): error: is \(kind), not a regular file; skipped\n"))
    }
    let whole = try await BinaryRunner.runRaw(["check", "."], in: root)
    let stdout = String(decoding: whole.stdout, as: UTF8.self)
    #expect(
      stdout.contains(
        "./\(loop): error: cannot be read: Too many levels of symbolic links (a symlink loop)"),
      "\(stdout)")
    for (directory, kind) in special {
      #expect(
        stdout.contains(
          "./\(directory)/\(HostileTree.metricsFile): error: is \(kind), not a regular file; skipped"
        )
      )
    }
  }

  @Test func twoHundredThousandMetricsInOneRunList() async throws {
    let tree = try HostileTree(bigRunMetrics: 200_000)
    let result = try await BinaryRunner.runRaw(
      ["list", ".", "--sort", "m-199999"], in: URL(fileURLWithPath: tree.root), deadline: 120)
    #expect(result.status == 0, "\(result.text)")
    let stdout = String(decoding: result.stdout, as: UTF8.self)
    #expect(stdout.split(separator: "\n").count == tree.cases.count + 1)
    print("hostile: list over the tree with a 200,000-metric run took \(result.seconds) s")
  }

  /// Run names chosen by other people on a shared KFP cannot run as spreadsheet formulas from
  /// `list` or `compare` CSV; negative metric values stay numbers.
  @Test func csvCellsAreNeverFormulas() async throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("kfp-runs-csv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let runs = """
      {"runs": [{"id": "r1", "name": "=HYPERLINK(\\"http://evil\\",\\"x\\")",
        "pipeline_spec": {"pipeline_name": "@SUM(A1)"},
        "metrics": [{"name": "+loss", "node_id": "n", "number_value": -0.25}]},
       {"id": "r2", "name": "-2+3", "metrics": [{"name": "+loss", "node_id": "n", "number_value": 1}]}]}
      """
    try Data(runs.utf8).write(to: root.appendingPathComponent("runs.json"))
    let list = try await BinaryRunner.run(["list", "runs.json", "--format", "csv"], in: root)
    #expect(list.status == 0, "\(list.stderr)")
    #expect(
      list.stdout == """
        id,name,status,experiment,pipeline,created_at,finished_at,"'+loss"
        r1,"'=HYPERLINK(""http://evil"",""x"")",,,"'@SUM(A1)",,,-0.25
        r2,"'-2+3",,,,,,1

        """)
    let compare = try await BinaryRunner.run(["compare", "runs.json", "--format", "csv"], in: root)
    #expect(compare.status == 0, "\(compare.stderr)")
    #expect(
      compare.stdout == """
        metric,"'=HYPERLINK(""http://evil"",""x"")","'-2+3"
        "'+loss",-0.25,1

        """)
  }

  /// A copied run folder keeps the id of its run.json, and two folder names that differ only
  /// in bytes that are not UTF-8 read as the same id: every run is kept, `check` warns, and a
  /// `--runs` reference to the shared id or a copied folder is ambiguous.
  @Test func runsSharingAnIdAreAllKept() async throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("kfp-runs-dup-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    func writeRun(_ folder: String, runJSON: String?, value: Double) throws {
      let directory = root.appendingPathComponent(folder)
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      if let runJSON {
        try Data(runJSON.utf8).write(to: directory.appendingPathComponent("run.json"))
      }
      try Data(#"{"metrics": [{"name": "acc", "numberValue": \#(value)}]}"#.utf8)
        .write(to: directory.appendingPathComponent("mlpipeline-metrics.json"))
    }
    try writeRun("a", runJSON: #"{"id": "X", "name": "same"}"#, value: 0.5)
    try writeRun("b", runJSON: #"{"id": "X", "name": "same"}"#, value: 0.9)
    try writeRun("c", runJSON: nil, value: 0.1)
    // "raw-\xFF" and "raw-\xFE": both read as the id "raw-\u{FFFD}".
    for byte in [0xFF, 0xFE] as [UInt8] {
      let name = Array("raw-".utf8) + [byte]
      let path = Array(root.path.utf8) + [UInt8(ascii: "/")] + name + [0]
      mkdir(path.map { CChar(bitPattern: $0) }, 0o755)
      let file = path.dropLast() + Array("/mlpipeline-metrics.json".utf8) + [0]
      let text = Array(#"{"metrics": [{"name": "acc", "numberValue": 0.\#(byte)}]}"#.utf8)
      let descriptor = open(file.map { CChar(bitPattern: $0) }, O_CREAT | O_WRONLY, 0o644)
      #expect(descriptor >= 0)
      #expect(write(descriptor, text, text.count) == text.count)
      close(descriptor)
    }
    let list = try await BinaryRunner.run(["list", ".", "--format", "csv"], in: root)
    #expect(list.status == 0, "\(list.stderr)")
    let ids = list.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
    #expect(
      ids.sorted() == ["X", "X (2)", "c", "raw-\u{FFFD}", "raw-\u{FFFD} (2)"], "\(list.stdout)")
    #expect(list.stderr.contains("2 problems"), "\(list.stderr)")

    let check = try await BinaryRunner.run(["check", "."], in: root)
    #expect(
      check.stdout.contains(#"an earlier run has the same id; both are kept, this one as "X (2)""#))
    #expect(check.stdout.hasSuffix("checked 5 runs: 0 errors, 2 warnings\n"), "\(check.stdout)")

    for reference in ["X", "b", "a"] {
      let compare = try await BinaryRunner.run(["compare", ".", "--runs", reference], in: root)
      #expect(compare.status == 2, "\(reference): \(compare.stdout)")
      #expect(
        compare.stderr.contains("2 runs have the id 'X': name one of them as 'X (1)', 'X (2)'"),
        "\(reference): \(compare.stderr)")
    }
    let both = try await BinaryRunner.run(
      ["compare", ".", "--runs", "X (1),X (2)", "--format", "csv"], in: root)
    #expect(both.status == 0, "\(both.stderr)")
    #expect(both.stdout.hasSuffix("acc,0.5,0.9\n"), "\(both.stdout)")
  }
}
