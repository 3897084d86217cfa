import Foundation
import KFPTestServer
import RunsCore
import RunsOutput
import Testing

@Suite struct RunsCSVTests {
  @Test func headerThenOneRecordPerRunWithRawValues() {
    let text = RunsCSV.text(runs: SampleRuns.all, metricNames: ["accuracy", "f1"])
    #expect(
      text == """
        id,name,status,experiment,pipeline,created_at,finished_at,accuracy,f1
        id-1,baseline,Succeeded,mnist,train,2026-01-02T03:04:05Z,2026-01-02T04:06:10Z,0.5,
        id-2,"tuned, ""v2""|x",Running,fashion,,2026-01-02T03:05:05Z,,0.95675,24
        id-3,bare\u{FFFD}[31m,,,,,,,

        """)
  }

  @Test func noRunsIsJustTheHeader() {
    #expect(
      RunsCSV.text(runs: [], metricNames: ["m"])
        == "id,name,status,experiment,pipeline,created_at,finished_at,m\n")
    var pieces: [[UInt8]] = []
    RunsCSV.write(runs: [], metricNames: ["m"]) { pieces.append($0) }
    #expect(pieces == [Array(RunsCSV.text(runs: [], metricNames: ["m"]).utf8)])
  }

  /// Chunks built on several cores and joined in order are the text built row by row, and both
  /// are what quoting each record's fields one by one gives.
  @Test(arguments: [(1, 0), (1, 1), (3, 10), (7, 101), (128, 300), (RunsCSV.rowsPerChunk, 1000)])
  func chunksWrittenInParallelJoinToTheSerialText(rowsPerChunk: Int, count: Int) {
    var random = SeededRandom(seed: UInt64(count * 1000 + rowsPerChunk))
    let runs = (0..<count).map { RandomRuns.make($0, using: &random) }
    let names = MetricColumns.all(in: runs) + ["nobody-has-this"]
    var written: [UInt8] = []
    var pieces = 0
    RunsCSV.write(runs: runs, metricNames: names, rowsPerChunk: rowsPerChunk) {
      written += $0
      pieces += 1
    }
    let text = RunsCSV.text(runs: runs, metricNames: names)
    #expect(String(decoding: written, as: UTF8.self) == text)
    #expect(text == Self.recordByRecord(runs: runs, metricNames: names))
    #expect(pieces == 1 + (count + rowsPerChunk - 1) / rowsPerChunk)
  }

  /// The CSV as the fields of each run, sanitized and quoted one by one.
  private static func recordByRecord(runs: [Run], metricNames: [String]) -> String {
    var output = CSVText.line(RunsCSV.fixedHeader + metricNames.map(TextSanitizer.clean))
    for run in runs {
      var fields = [
        run.id, run.name, run.status?.rawValue ?? "", run.experiment?.name ?? "",
        run.pipeline ?? "",
      ].map(TextSanitizer.clean)
      fields.append(run.createdAt.map(TimeText.rfc3339UTC) ?? "")
      fields.append(run.finishedAt.map(TimeText.rfc3339UTC) ?? "")
      for name in metricNames {
        fields.append(run.metric(named: name).map(RunsJSON.machineText) ?? "")
      }
      output += CSVText.line(fields)
    }
    return output
  }
}

/// Runs with hostile text (quotes, commas, line breaks, escapes, bidi controls, emoji), missing
/// fields and odd numbers, from a seeded generator.
enum RandomRuns {
  static let texts = [
    "plain", "", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", "\"", ",", "tab\there",
    HostileTree.controlName, HostileTree.bidiDirectory, HostileTree.cjkName, "\u{1B}[31m,\"x\"",
    "long-enough-to-live-on-the-heap-\u{00E9}",
  ]
  static let names = ["accuracy-score", "loss", "a,b", "q\"", "validation-accuracy-long-name"]
  static let values = [0, -0.0, 0.1, 1e21, 1e-7, -3.5, 24, .nan, .infinity, 123_456.789]

  static func make(_ index: Int, using random: inout SeededRandom) -> Run {
    func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }
    let start = Date(timeIntervalSince1970: Double(random.next() % 2_000_000_000))
    let metrics = (0..<Int(random.next() % 5)).map { _ in
      Metric(
        name: pick(names), nodeID: pick(["train", "eval", ".", "x,y"]), value: pick(values),
        format: pick(MetricFormat.allCases))
    }
    return Run(
      id: "id-\(index)-" + pick(texts), name: pick(texts),
      status: random.next() % 4 == 0 ? nil : pick(RunStatus.allCases),
      createdAt: random.next() % 5 == 0 ? nil : start,
      finishedAt: random.next() % 3 == 0 ? nil : start.addingTimeInterval(61),
      experiment: random.next() % 4 == 0 ? nil : ExperimentRef(id: "e", name: pick(texts)),
      pipeline: random.next() % 4 == 0 ? nil : pick(texts), metrics: metrics)
  }
}
