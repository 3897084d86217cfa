import ArgumentParser
import Foundation
import RunsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Measures every performance target of kfp-runs against its baseline in the same run.
@main
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kfp-runs-bench",
    abstract: "Measure kfp-runs against its performance targets.",
    discussion: """
      Build both with -c release first: the load and first-frame benchmarks run the kfp-runs \
      binary found next to this one. Data is generated from --seed, so every run measures the \
      same trees and run sets. Prints a table; with --json, the last line is one JSON object.
      """
  )

  @Option(help: "Runs in the directory tree for the load and memory benchmark.")
  var runs = 10_000

  @Option(help: "Tree sizes for the first-frame benchmark, comma separated.")
  var appRuns = "10000,100000"

  @Option(help: "Seconds to wait for the application to finish loading a tree.")
  var loadLimit = 300.0

  @Option(help: "Runs in memory for the sort, filter, top-3 and frame benchmarks.")
  var memoryRuns = 1_000_000

  @Option(help: "Runs in memory for the small frame the large one is compared with.")
  var frameRuns = 1_000

  @Option(help: "Rounds of each measurement; medians are reported.")
  var rounds = 7

  @Option(help: "Seed of the generated data.")
  var seed: UInt64 = 20_260_101

  @Option(help: "Directory for generated trees, kept for the next run (default: a temporary one).")
  var work: String?

  @Option(help: "The kfp-runs binary (default: the one next to this executable).")
  var kfpRuns: String?

  @Option(help: "Parts to skip, comma separated: \(Self.parts.joined(separator: ", ")).")
  var skip = ""

  @Option(help: "The only parts to run, comma separated (the others are skipped).")
  var only: String?

  @Option(help: "Runs (three tasks each) on the KFP 2.x test server for the kfp2 part.")
  var kfp2Runs = 300

  @Option(
    help: ArgumentHelp(
      "Milliseconds the KFP 2.x test server adds to each ML Metadata call, one measurement "
        + "each, comma separated (0: the local server as it is; more: a remote one)."))
  var kfp2Delays = "0,5"

  @Option(help: "Only write a directory tree of --runs runs to this directory, then exit.")
  var writeTree: String?

  @Option(help: "Only write an equivalent MLflow file store (mlruns/) of --runs runs, then exit.")
  var mlflowTree: String?

  @Flag(help: "Print one JSON object with the figures as the last line.")
  var json = false

  /// The parts `--skip` and `--only` name.
  static let parts = ["load", "app", "memory", "frame", "watch", "details", "kfp2"]

  func validate() throws {
    let named = Set(
      (skip.split(separator: ",") + (only ?? "").split(separator: ",")).map {
        $0.trimmingCharacters(in: .whitespaces)
      })
    if let unknown = named.subtracting(Self.parts).sorted().first {
      throw ValidationError(
        "no part named \(unknown): the parts are \(Self.parts.joined(separator: ", "))")
    }
  }

  func run() throws {
    let maker = SyntheticRunMaker(seed: seed, evaluateShare: 0.9)
    if let writeTree {
      let written = try RunTreeWriter.write(count: runs, maker: maker, to: writeTree)
      print("\(written.runs) runs, \(written.files) files, \(written.bytes) bytes in \(writeTree)")
      return
    }
    if let mlflowTree {
      let written = try MLflowTreeWriter.write(count: runs, maker: maker, to: mlflowTree)
      print("\(written.runs) runs, \(written.files) files, \(written.bytes) bytes in \(mlflowTree)")
      return
    }
    var skipped = Set(skip.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    if let only {
      let chosen = Set(only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
      skipped.formUnion(Set(Self.parts).subtracting(chosen))
    }
    let workspace = try Workspace(directory: work)
    defer { workspace.cleanUp() }
    var report = BenchReport()
    let binary = kfpRuns ?? Self.siblingBinary("kfp-runs")
    let needsBinary = ["load", "app", "kfp2"].contains { !skipped.contains($0) }
    if needsBinary && !FileManager.default.isExecutableFile(atPath: binary) {
      // `swift run kfp-runs-bench` builds only the bench, not the binary it measures.
      throw ValidationError(
        "no kfp-runs binary at \(binary): build it first (`swift build -c release --product "
          + "kfp-runs`, or scripts/release-build for the one to ship) or pass --kfp-runs PATH; "
          + "scripts/bench does both")
    }

    if !skipped.contains("load") {
      let tree = try workspace.tree(runs: runs, maker: maker)
      progress("load: \(runs) runs, \(rounds) rounds against find+cat")
      report.load = try LoadBenchmark(binary: binary, tree: tree, runs: runs, rounds: rounds).run()
    }
    if !skipped.contains("watch") {
      let tree = try workspace.tree(runs: runs, maker: maker)
      progress("watch: \(runs) runs watched idle, scanned, changed")
      report.directoryWatch = try DirectoryWatchBenchmark(tree: tree, runs: runs, rounds: rounds)
        .run()
    }
    if !skipped.contains("app") {
      if FirstFrameBenchmark.isAvailable {
        for size in appRuns.split(separator: ",").compactMap({ Int($0) }) {
          let tree = try workspace.tree(runs: size, maker: maker)
          progress("first frame: \(size) runs in tmux")
          report.firstFrames.append(
            try FirstFrameBenchmark(
              binary: binary, tree: tree, runs: size, rounds: rounds, loadLimit: loadLimit
            ).run())
        }
      } else {
        report.notes.append("first frame not measured: tmux is not installed")
      }
    }
    if !skipped.contains("memory") || !skipped.contains("frame") || !skipped.contains("watch") {
      progress("in memory: making \(memoryRuns) runs")
      let inMemoryMaker = SyntheticRunMaker(seed: seed, evaluateShare: 1)
      let large = (0..<memoryRuns).map { inMemoryMaker.make($0).run }
      if !skipped.contains("memory") {
        progress("in memory: sort, filter, top-3 over \(memoryRuns) runs")
        report.inMemory = InMemoryBenchmark(runs: large, rounds: rounds).run()
      }
      if !skipped.contains("frame") {
        progress("frame: \(frameRuns) against \(memoryRuns) runs")
        report.frame = FrameBenchmark(
          small: Array(large.prefix(frameRuns)), large: large, rounds: rounds
        ).run()
      }
      if !skipped.contains("watch") {
        progress("watch: one changed run applied to \(memoryRuns) runs")
        report.watch = WatchBenchmark(runs: large, rounds: rounds, seed: seed).run()
      }
    }
    if !skipped.contains("kfp2") {
      if let reason = KFP2Benchmark.unavailableReason {
        report.notes.append("kfp2 \(reason)")
      } else {
        for delay in kfp2Delays.split(separator: ",").compactMap({ Int($0) }) {
          progress(
            "kfp2: \(kfp2Runs) runs, MLMD calls +\(delay) ms, \(rounds) rounds against the UI's sequence"
          )
          report.kfp2.append(
            try KFP2Benchmark(
              binary: binary, runs: kfp2Runs, rounds: rounds, delayMilliseconds: delay
            ).run())
        }
        if Tmux.isAvailable {
          progress("kfp2: first screen of \(kfp2Runs) runs in tmux")
          report.kfp2FirstScreen = try KFP2FirstScreenBenchmark(
            binary: binary, runs: kfp2Runs, rounds: rounds
          ).run()
        } else {
          report.notes.append("kfp2 first screen not measured: tmux is not installed")
        }
      }
    }
    if !skipped.contains("details") {
      progress("details: huge node × metric grids")
      report.details = DetailsBenchmark(rounds: rounds).run()
    }
    print(report.table(), terminator: "")
    if json { print(report.json()) }
  }

  private func progress(_ text: String) {
    FileHandle.standardError.write(Data("kfp-runs-bench: \(text)\n".utf8))
  }

  /// A binary in the directory of this executable.
  static func siblingBinary(_ name: String) -> String {
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: executable).deletingLastPathComponent()
      .appendingPathComponent(name).path
  }
}
