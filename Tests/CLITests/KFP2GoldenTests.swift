import Foundation
import KFPTestServer
import Testing

/// The binary against a KFP 2.x server whose metrics live in the real ML Metadata store
/// (`Tests/Peers/kfp2_server.py` in `.venv/mlmd`): runs from v2beta1, metrics over gRPC-web.
@Suite(.serialized, .enabled(if: KFP2Peer.enabled, "needs .venv/mlmd (scripts/python-venvs)"))
struct KFP2GoldenTests {
  static let token = "tok-that-must-never-show"
  static let cookie = "authservice_session=abc"

  @Test(arguments: [
    ("kfp2-list", ["list", "--all-metrics"]),
    ("kfp2-compare", ["compare", "--runs", "train-eval,cached,failed"]),
    ("kfp2-list-through-pipeline", ["list", "/pipeline", "--format", "csv"]),
  ])
  func matchesGolden(name: String, arguments: [String]) async throws {
    let peer = try KFP2Peer(arguments: ["--token", Self.token, "--cookie", Self.cookie])
    let fixture = try Fixture()
    fixture.masks = [(peer.baseURL.absoluteString, "$SERVER")]
    // `/pipeline` is the Kubeflow gateway's prefix: REST under it, MLMD at the root.
    var command = [arguments[0], peer.baseURL.absoluteString]
    if arguments.count > 1, arguments[1] == "/pipeline" {
      command[1] += "/pipeline"
      command += arguments.dropFirst(2)
    } else {
      command += arguments.dropFirst()
    }
    let environment = ["KFP_TOKEN": Self.token, "KFP_COOKIE": Self.cookie]
    let result = try await BinaryRunner.run(command, in: fixture.root, environment: environment)
    withExtendedLifetime(peer) {}
    #expect(!result.stdout.contains(Self.token) && !result.stderr.contains(Self.token))
    Golden.check(result, fixture: fixture, name: name)
  }
}
