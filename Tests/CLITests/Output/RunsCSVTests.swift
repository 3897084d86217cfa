import RunsCore
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
  }
}
