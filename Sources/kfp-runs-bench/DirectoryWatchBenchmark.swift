import Foundation
import RunsCore
import RunsData

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Watching a directory of runs: the CPU it costs while nothing changes, a stat-only scan
/// against a full load of the same tree, and how soon a written metrics file comes back as a
/// change (file notifications, 200 ms of coalescing included).
struct DirectoryWatchBenchmark {
  struct Result {
    var runs: Int
    /// How long the idle watches were timed.
    var window: Double
    /// CPU seconds over the window, watching with file notifications.
    var notificationsCPU: Double
    /// CPU seconds over the window, scanning every `scanInterval` seconds.
    var scanningCPU: Double
    var scanInterval: Double
    /// One stat-only scan finding nothing, and one full load, medians.
    var scanSeconds: Double
    var loadSeconds: Double
    /// From the end of a write to the update carrying it, median.
    var latencySeconds: Double
    var notificationsShare: Double { notificationsCPU / window }
    var scanningShare: Double { scanningCPU / window }
    var scanRatio: Double { scanSeconds / loadSeconds }
  }

  let tree: String
  let runs: Int
  let rounds: Int
  let window = 10.0
  let scanInterval = 2.0

  func run() throws -> Result {
    var scans: [Double] = []
    var loads: [Double] = []
    let scanning = DirectoryWatch(root: tree, interval: scanInterval, scanOnly: true)
    _ = scanning.startNow()
    for _ in 0..<rounds {
      loads.append(Stopwatch.seconds { _ = DirectorySource(root: tree).load() })
      scans.append(
        Stopwatch.seconds {
          precondition(scanning.scan().isEmpty, "the tree changed while it was scanned")
        })
    }
    let scanningCPU = idleCPU(scanning)
    let notifying = DirectoryWatch(root: tree, interval: scanInterval, scanOnly: false)
    _ = notifying.startNow()
    guard notifying.usesNotifications else {
      throw BenchFailure(description: "file notifications are not available for \(tree)")
    }
    let notificationsCPU = idleCPU(notifying)
    let latency = try latencies(notifying)
    return Result(
      runs: runs, window: window, notificationsCPU: notificationsCPU, scanningCPU: scanningCPU,
      scanInterval: scanInterval, scanSeconds: median(scans), loadSeconds: median(loads),
      latencySeconds: median(latency))
  }

  /// CPU seconds this process spends over `window` seconds of `watch` cycles with no change.
  private func idleCPU(_ watch: DirectoryWatch) -> Double {
    let start = Self.cpuSeconds()
    let end = Date().addingTimeInterval(window)
    while Date() < end {
      precondition(watch.nextNow(wait: min(1, end.timeIntervalSinceNow)).isEmpty)
    }
    return Self.cpuSeconds() - start
  }

  /// Rewrites one run's metrics file with a new value, `rounds` times, each time timing how
  /// long until the watch reports it; the original file is put back after each.
  private func latencies(_ watch: DirectoryWatch) throws -> [Double] {
    let file = try firstMetricsFile()
    let original = try Data(contentsOf: URL(fileURLWithPath: file))
    defer { try? original.write(to: URL(fileURLWithPath: file)) }
    var seconds: [Double] = []
    for round in 0..<rounds {
      let changed =
        #"{"metrics":[{"name":"accuracy-score","numberValue":0.5"#
        + #"\#(round),"format":"PERCENTAGE"}]}"#
      try Data(changed.utf8).write(to: URL(fileURLWithPath: file))
      let written = Stopwatch.now()
      guard waitForChange(watch) else {
        throw BenchFailure(description: "the watch never reported the write to \(file)")
      }
      seconds.append(Double(Stopwatch.now() - written) / 1e9)
      try original.write(to: URL(fileURLWithPath: file))
      guard waitForChange(watch) else {
        throw BenchFailure(description: "the watch never reported \(file) put back")
      }
    }
    return seconds
  }

  /// Waits up to 10 s for an update that replaces a run.
  private func waitForChange(_ watch: DirectoryWatch) -> Bool {
    let end = Date().addingTimeInterval(10)
    while Date() < end {
      if !watch.nextNow(wait: 0.05).replaced.isEmpty { return true }
    }
    return false
  }

  /// The metrics file of the tree's first run.
  private func firstMetricsFile() throws -> String {
    let folders = try FileManager.default.contentsOfDirectory(atPath: tree).sorted()
    for folder in folders {
      let path = tree + "/" + folder
      guard let walk = FileManager.default.enumerator(atPath: path) else { continue }
      for case let name as String in walk where name.hasSuffix("mlpipeline-metrics.json") {
        return path + "/" + name
      }
    }
    throw BenchFailure(description: "no metrics file in \(tree)")
  }

  /// User and system CPU time of this process so far.
  private static func cpuSeconds() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
      getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
      getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ time: timeval) -> Double {
      Double(time.tv_sec) + Double(time.tv_usec) / 1e6
    }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }
}
