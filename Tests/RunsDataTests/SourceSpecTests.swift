import Foundation
import Testing

@testable import RunsData

@Suite struct SourceSpecTests {
  @Test func urlsAreServers() throws {
    #expect(
      try SourceSpec.resolve("http://localhost:8888", demo: false, environment: [:])
        == .server(URL(string: "http://localhost:8888")!))
    #expect(
      try SourceSpec.resolve("HTTPS://kubeflow.example.com/pipeline", demo: false, environment: [:])
        == .server(URL(string: "HTTPS://kubeflow.example.com/pipeline")!))
    #expect(throws: SourceError.self) {
      try SourceSpec.resolve("http://", demo: false, environment: [:])
    }
  }

  @Test func pathsAreDirectoriesOrFiles() throws {
    let tree = try TemporaryTree()
    try tree.write("runs.json", "[]")
    #expect(
      try SourceSpec.resolve(tree.root, demo: false, environment: [:]) == .directory(tree.root))
    #expect(
      try SourceSpec.resolve(tree.path("runs.json"), demo: false, environment: [:])
        == .jsonFile(tree.path("runs.json")))
  }

  @Test func aMissingPathThrowsASentenceNamingIt() throws {
    let missing = "/nonexistent/kfp-runs-source"
    let error = #expect(throws: SourceError.self) {
      try SourceSpec.resolve(missing, demo: false, environment: [:])
    }
    #expect(error?.message.contains(missing) == true)
    #expect(error?.message.hasSuffix(".") == true)
    #expect(throws: SourceError.self) { try SourceSpec.resolve("", demo: false, environment: [:]) }
  }

  @Test func noArgumentUsesTheSDKEndpointOrTheCurrentDirectory() throws {
    #expect(try SourceSpec.resolve(nil, demo: false, environment: [:]) == .directory("."))
    #expect(
      try SourceSpec.resolve(nil, demo: false, environment: ["KF_PIPELINES_ENDPOINT": ""])
        == .directory("."))
    #expect(
      try SourceSpec.resolve(
        nil, demo: false, environment: ["KF_PIPELINES_ENDPOINT": "https://kfp.example/pipeline"])
        == .server(URL(string: "https://kfp.example/pipeline")!))
    #expect(
      try SourceSpec.resolve(
        nil, demo: false, environment: ["KF_PIPELINES_ENDPOINT": "ml-pipeline:8888"])
        == .server(URL(string: "http://ml-pipeline:8888")!))
    // An explicit source wins over the environment.
    #expect(
      try SourceSpec.resolve(
        "http://a:1", demo: false, environment: ["KF_PIPELINES_ENDPOINT": "http://b:2"])
        == .server(URL(string: "http://a:1")!))
  }

  @Test func demoWins() throws {
    #expect(
      try SourceSpec.resolve(nil, demo: true, environment: ["KF_PIPELINES_ENDPOINT": "http://x"])
        == .demo)
    #expect(try SourceSpec.resolve("/nonexistent", demo: true, environment: [:]) == .demo)
  }
}
