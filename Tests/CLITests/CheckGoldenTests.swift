import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `kfp-runs check`: one line per problem, a summary, exit 1 on errors.
@Suite struct CheckGoldenTests {
  @Test(arguments: [
    ("check-errors", ["check", "runs"], Int32(1)),
    ("check-clean", ["check", "clean"], Int32(0)),
    ("check-file", ["check", "runs/raw-run/mlpipeline-metrics.json"], Int32(1)),
    ("check-several", ["check", "clean", "runs/run-a/mlpipeline-metrics.json"], Int32(0)),
    ("check-empty", ["check", "empty"], Int32(0)),
  ])
  func checkMatchesGolden(name: String, arguments: [String], status: Int32) async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(arguments, in: fixture.root)
    #expect(result.status == status)
    Golden.check(result, fixture: fixture, name: name)
  }

  @Test func aMissingPathExitsWith3() async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(["check", "clean", "missing"], in: fixture.root)
    #expect(result.status == 3)
    #expect(result.stderr.contains("missing"))
  }

  @Test func aFIFOIsAProblemNotAHang() async throws {
    let fixture = try Fixture()
    let fifo = fixture.root.appendingPathComponent("mlpipeline-metrics.json").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let result = try await BinaryRunner.run(["check", "mlpipeline-metrics.json"], in: fixture.root)
    #expect(result.status == 1)
    #expect(
      result.stdout.hasPrefix(
        "mlpipeline-metrics.json: error: is a FIFO, not a regular file; skipped\n"))
  }
}
