// libFuzzer target: `MetricsFileDecoder.decode` on arbitrary bytes.
//
// Invariants: it returns (no crash, no hang); every kept metric is finite with an accepted
// name; every entry of a `metrics` array is either kept or named by a problem with its index;
// no problem message carries a terminal control character.

@_cdecl("LLVMFuzzerTestOneInput")
public func metricsFileFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = inputBytes(data, size)
  let result = MetricsFileDecoder.decode(bytes, path: "runs/a/mlpipeline-metrics.json", nodeID: ".")
  for metric in result.metrics {
    require(metric.value.isFinite, "kept a non-finite value \(metric.value)")
    require(MetricName.rejection(metric.name) == nil, "kept a rejected name \(metric.name)")
  }
  for problem in result.problems {
    require(!hasTerminalControl(problem.message), "control character in \(problem.message)")
    require(!problem.message.isEmpty, "empty problem message")
  }
  let names = result.metrics.map(\.name)
  require(Set(names).count == names.count, "a name kept twice: \(names)")

  guard let document = try? JSONParser.parse(bytes) else {
    require(result.metrics.isEmpty, "metrics kept from a file that is not JSON")
    require(result.problems.count == 1, "a file that is not JSON gives one problem")
    return 0
  }
  guard let entries = document["metrics"]?.arrayValue else {
    require(result.metrics.isEmpty && !result.problems.isEmpty, "no metrics array, no problem")
    return 0
  }
  // Nothing valid lost, nothing bad silent: kept + skipped (with a problem) = every entry.
  var skipped = Set<Int>()
  for problem in result.problems {
    guard let entry = problem.entry else { continue }
    require(entry >= 0 && entry < entries.count, "problem names entry \(entry) of \(entries.count)")
    if problem.severity == .error || problem.message.contains("already reported") {
      skipped.insert(entry)
    }
  }
  require(
    result.metrics.count + skipped.count == entries.count,
    "\(result.metrics.count) kept + \(skipped.count) skipped != \(entries.count) entries")
  return 0
}
