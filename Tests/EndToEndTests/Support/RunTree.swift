import Foundation

/// A directory of runs written for one test: one folder per run holding an
/// `mlpipeline-metrics.json`, removed again by `remove()`.
struct RunTree {
  /// One run: its folder name and its metrics (name, value, format).
  struct RunSpec {
    var folder: String
    var metrics: [(name: String, value: Double, format: String)]
  }

  /// The root folder.
  let root: URL

  /// Writes the runs into a fresh temporary folder.
  init(_ runs: [RunSpec]) throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("kfp-runs-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    // Without run.json a run starts when its metrics file was written: one minute apart,
    // in list order, so the default sort (newest first) is the reverse of the list.
    for (index, run) in runs.enumerated() { try write(run, minute: index) }
  }

  /// Adds a run, started a day after the others.
  func add(_ run: RunSpec) throws {
    try write(run, minute: 24 * 60)
  }

  private func write(_ run: RunSpec, minute: Int) throws {
    let folder = root.appendingPathComponent(run.folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let entries = run.metrics.map { metric in
      "{\"name\": \"\(metric.name)\", \"numberValue\": \(metric.value), "
        + "\"format\": \"\(metric.format)\"}"
    }
    let text = "{\"metrics\": [" + entries.joined(separator: ", ") + "]}\n"
    let file = folder.appendingPathComponent("mlpipeline-metrics.json")
    try Data(text.utf8).write(to: file)
    let start = Date(timeIntervalSince1970: 1_767_225_600)
    try FileManager.default.setAttributes(
      [.modificationDate: start.addingTimeInterval(Double(minute) * 60)], ofItemAtPath: file.path)
  }

  /// Deletes the folder.
  func remove() {
    try? FileManager.default.removeItem(at: root)
  }

  /// Four runs with two metrics: `accuracy` (PERCENTAGE, higher is better) and `loss` (RAW,
  /// lower is better), values chosen so that each sort gives a different order.
  static let standard: [RunSpec] = [
    RunSpec(
      folder: "run-alpha", metrics: [("accuracy", 0.91, "PERCENTAGE"), ("loss", 0.3, "RAW")]),
    RunSpec(
      folder: "run-bravo", metrics: [("accuracy", 0.75, "PERCENTAGE"), ("loss", 0.12, "RAW")]),
    RunSpec(
      folder: "run-charlie", metrics: [("accuracy", 0.98, "PERCENTAGE"), ("loss", 0.5, "RAW")]),
    RunSpec(
      folder: "run-delta", metrics: [("accuracy", 0.42, "PERCENTAGE"), ("loss", 0.9, "RAW")]),
  ]
}
