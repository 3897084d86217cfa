import Foundation

/// `kfp-runs list DIR --format csv --all-metrics --sort accuracy-score:desc` against
/// `find DIR -type f -exec cat {} +`, both with output to /dev/null, run alternately on a warm
/// cache so that both see the same machine load.
///
/// Peak memory comes from `/usr/bin/time -f %M` (both commands run under it, so both pay its
/// fork). Without it, from `wait4`; but Linux counts a child's memory before `exec` in its
/// peak, and `posix_spawn` shares this process's memory until then, so that figure is only an
/// upper bound (`peakIsUpperBound`).
struct LoadBenchmark {
  struct Result {
    var runs: Int
    var rounds: Int
    var listSeconds: Double
    var findSeconds: Double
    /// The highest peak RSS of the list command over the rounds.
    var peakBytes: Int
    /// The highest peak RSS of the same command on an empty directory: what the process costs
    /// before it reads any run, so that the rest is what the runs cost.
    var startPeakBytes: Int
    var peakIsUpperBound: Bool
    var bytesPerRun: Double { Double(peakBytes) / Double(runs) }
    /// What each run adds above the start.
    var loadedBytesPerRun: Double { Double(peakBytes - startPeakBytes) / Double(runs) }
    var ratio: Double { listSeconds / findSeconds }
  }

  let binary: String
  let tree: String
  let runs: Int
  let rounds: Int

  private static let timeTool = "/usr/bin/time"
  private var peakFile: String { NSTemporaryDirectory() + "/kfp-runs-bench-peak-\(getpid())" }
  private var hasTimeTool: Bool { FileManager.default.isExecutableFile(atPath: Self.timeTool) }

  /// The command under `/usr/bin/time` when there is one.
  private func measured(_ command: [String]) -> [String] {
    hasTimeTool ? [Self.timeTool, "-f", "%M", "-o", peakFile] + command : command
  }

  /// The peak from `/usr/bin/time`'s report, else from `wait4`.
  private func peak(of outcome: ChildOutcome) -> Int {
    guard hasTimeTool else { return outcome.peakBytes }
    let text = (try? String(contentsOfFile: peakFile, encoding: .utf8)) ?? ""
    let kilobytes = text.split(whereSeparator: \.isNewline).last.flatMap { Int($0) }
    return (kilobytes ?? 0) * 1024
  }

  var listCommand: [String] { list(tree) }

  private func list(_ directory: String) -> [String] {
    [
      binary, "list", directory, "--format", "csv", "--all-metrics", "--sort",
      "accuracy-score:desc",
    ]
  }

  var findCommand: [String] {
    ["find", tree, "-type", "f", "-exec", "cat", "{}", "+"]
  }

  func run() throws -> Result {
    // Warm the page cache and check that both commands work.
    for command in [findCommand, listCommand] {
      guard let outcome = ChildProcess.run(command), outcome.status == 0 else {
        throw BenchFailure(description: "this command failed: \(command.joined(separator: " "))")
      }
    }
    var list: [Double] = []
    var find: [Double] = []
    var peak = 0
    for round in 0..<rounds {
      // Alternate which goes first, so neither always follows the other.
      let order = round % 2 == 0 ? [true, false] : [false, true]
      for isList in order {
        guard let outcome = ChildProcess.run(measured(isList ? listCommand : findCommand)),
          outcome.status == 0
        else { throw BenchFailure(description: "a benchmark command failed in round \(round)") }
        if isList {
          list.append(outcome.seconds)
          peak = max(peak, self.peak(of: outcome))
        } else {
          find.append(outcome.seconds)
        }
      }
    }
    let startPeak = try startPeakBytes()
    try? FileManager.default.removeItem(atPath: peakFile)
    return Result(
      runs: runs, rounds: rounds, listSeconds: median(list), findSeconds: median(find),
      peakBytes: peak, startPeakBytes: startPeak, peakIsUpperBound: !hasTimeTool)
  }

  /// The highest peak of three runs of the list command on an empty directory.
  private func startPeakBytes() throws -> Int {
    let empty = NSTemporaryDirectory() + "/kfp-runs-bench-empty-\(getpid())"
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: empty) }
    var peak = 0
    for _ in 0..<3 {
      guard let outcome = ChildProcess.run(measured(list(empty))), outcome.status == 0 else {
        throw BenchFailure(description: "list of an empty directory failed")
      }
      peak = max(peak, self.peak(of: outcome))
    }
    return peak
  }
}
