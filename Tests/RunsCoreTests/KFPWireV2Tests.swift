import Foundation
import RunsCore
import Testing

@Suite struct KFPWireV2Tests {
  static let page = """
    {"runs":[
      {"experiment_id":"e-1","run_id":"r-1","display_name":"train lr=0.1",
       "pipeline_spec":{"pipelineInfo":{"name":"my-train-pipeline"},"root":{}},
       "runtime_config":{"parameters":{"lr":0.1,"epochs":12,"optimizer":"adam","flag":true,
         "layers":[64,32]},"pipeline_root":"minio://x"},
       "created_at":"2026-01-02T03:04:05Z","finished_at":"2026-01-02T03:14:05Z",
       "state":"SUCCEEDED","state_history":[{"update_time":"2026-01-02T03:04:05Z","state":"PENDING"}]},
      {"run_id":"r-2","display_name":"still going","created_at":"2026-01-03T00:00:00Z",
       "finished_at":"1970-01-01T00:00:00Z","state":"RUNNING",
       "pipeline_version_reference":{"pipeline_id":"p-9","pipeline_version_id":"v-1"}},
      {"run_id":"r-3","state":"FAILED","error":{"code":2,"message":"task train failed"}},
      {"run_id":"r-4","state":"CANCELED"},
      {"display_name":"no id"}
    ],"total_size":"5","next_page_token":"abc"}
    """

  @Test func readsAPageOfV2Runs() throws {
    let json = try JSONParser.parse(Array(Self.page.utf8))
    let (page, pipelineIDs) = KFPWireV2.runsPage(from: json, location: "u")
    #expect(page.runs.map(\.id) == ["r-1", "r-2", "r-3", "r-4"])
    #expect(page.totalSize == 5)
    #expect(page.nextPageToken == "abc")
    let first = page.runs[0]
    #expect(first.name == "train lr=0.1")
    #expect(first.status == .succeeded)
    #expect(first.duration == 600)
    #expect(first.experiment == ExperimentRef(id: "e-1", name: "e-1"))
    #expect(first.pipeline == "my-train-pipeline")
    #expect(first.parameters.map(\.name) == ["lr", "epochs", "optimizer", "flag", "layers"])
    #expect(first.parameters.map(\.value) == ["0.1", "12", "adam", "true", "[64,32]"])
    #expect(first.metrics.isEmpty)
    let running = page.runs[1]
    #expect(running.status == .running)
    #expect(running.finishedAt == nil)
    #expect(running.pipeline == nil)
    #expect(pipelineIDs == ["r-2": "p-9"])
    #expect(page.runs[2].status == .failed)
    #expect(page.runs[2].notes.contains("Error: task train failed"))
    #expect(page.runs[3].status == .failed)
    #expect(page.runs[3].notes.contains("KFP state: CANCELED"))
    #expect(page.problems.contains { $0.message.contains("has no run_id; skipped") })
    #expect(page.problems.contains { $0.message.contains("task train failed") })
  }

  @Test func everyStateHasAStatus() {
    let expected: [String: RunStatus] = [
      "PENDING": .pending, "RUNNING": .running, "SUCCEEDED": .succeeded, "SKIPPED": .skipped,
      "FAILED": .failed, "CANCELING": .terminating, "CANCELED": .failed, "PAUSED": .pending,
      "RUNTIME_STATE_UNSPECIFIED": .unknown, "NEW_STATE": .unknown,
    ]
    for (state, status) in expected { #expect(KFPWireV2.status(state: state) == status) }
  }

  @Test func readsV2Experiments() throws {
    let text = """
      {"experiments":[{"experiment_id":"e-1","display_name":"Default","namespace":"kubeflow"},
      {"display_name":"no id"}],"total_size":2}
      """
    let page = KFPWireV2.experimentsPage(
      from: try JSONParser.parse(Array(text.utf8)), location: "u")
    #expect(page.experiments == [ExperimentRef(id: "e-1", name: "Default")])
    #expect(page.problems.count == 1)
  }

  @Test func aRunThatIsNotAnObjectIsAProblem() throws {
    let page = KFPWireV2.runsPage(
      from: try JSONParser.parse(Array("{\"runs\":[3]}".utf8)), location: "u"
    ).page
    #expect(page.runs.isEmpty)
    #expect(page.problems.count == 1)
  }
}
