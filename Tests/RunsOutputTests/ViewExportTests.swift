import Foundation
import RunsOutput
import Testing

@testable import RunsCore

@Suite struct ViewExportTests {
  let utc = TimeZone(identifier: "UTC")!
  let runs = [
    Run(
      id: "id-1", name: "=cmd|' /C calc'!A0", status: .succeeded,
      createdAt: Date(timeIntervalSince1970: 1_767_225_600),
      finishedAt: Date(timeIntervalSince1970: 1_767_229_261),
      experiment: ExperimentRef(id: "e", name: "mnist"),
      metrics: [
        Metric(name: "acc", nodeID: "n", value: 0.9134, format: .percentage),
        Metric(name: "loss", nodeID: "n", value: 0.0625, format: .raw),
      ]),
    Run(
      id: "id-2", name: "b, \"quoted\"",
      metrics: [Metric(name: "loss", nodeID: "n", value: 2, format: .raw)]),
  ]
  let columns: [Column] = [.name, .status, .duration, .created, .metric("acc"), .metric("loss")]

  @Test func formatsFollowTheExtension() {
    #expect(ExportFormat(path: "a.csv") == .csv)
    #expect(ExportFormat(path: "A.MD") == .markdown)
    #expect(ExportFormat(path: "a.markdown") == .markdown)
    #expect(ExportFormat(path: "out/a.json") == .json)
    #expect(ExportFormat(path: "a.txt") == .csv)
  }

  @Test func csvHoldsTheColumnsInOrderWithRawValues() {
    let text = TableExport.text(runs: runs, columns: columns, format: .csv, timeZone: utc)
    #expect(
      text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == [
        "id,name,status,duration_seconds,created_at,acc,loss",
        #"id-1,"'=cmd|' /C calc'!A0",Succeeded,3661,2026-01-01T00:00:00Z,0.9134,0.0625"#,
        #"id-2,"b, ""quoted""",,,,,2"#,
        "",
      ])
  }

  @Test func markdownHoldsTheTextTheTableShows() {
    let text = TableExport.text(runs: runs, columns: columns, format: .markdown, timeZone: utc)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines[0].hasPrefix("| Run name"))
    #expect(lines[2].contains("| Succeeded |"))
    #expect(lines[2].contains("1:01:01"))
    #expect(lines[2].contains("2026-01-01 00:00:00"))
    #expect(lines[2].contains("91.340%"))
    #expect(lines[2].contains("0.063"))
    #expect(lines[3].contains("2.000"))
  }

  @Test func jsonKeysTheColumnsAndNestsTheMetrics() {
    let text = TableExport.text(
      runs: [runs[1]], columns: [.name, .metric("acc"), .metric("loss")], format: .json,
      timeZone: utc)
    let compact = text.filter { !$0.isWhitespace }
    #expect(
      compact == #"[{"id":"id-2","name":"b,\"quoted\"","metrics":{"acc":null,"loss":2}}]"#)
  }

  @Test func compareExportKeepsOnlyTheRowsShown() {
    let matrix = CompareMatrix(runs: runs)
    #expect(matrix.metricNames == ["loss", "acc"])
    let all = CompareExport.text(matrix, rows: nil, format: .csv)
    #expect(all.split(separator: "\n").count == 3)
    let one = CompareExport.text(matrix, rows: [1], format: .csv)
    #expect(
      one.split(separator: "\n").map(String.init) == [
        ##"metric,"'=cmd|' /C calc'!A0","b, ""quoted""""##, "acc,0.9134,",
      ])
  }
}
