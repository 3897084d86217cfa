import Foundation
import KFPTestServer
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real binary against a server whose one page is enormous (SPEC §8): a 50 MB page loads
/// within bounded time and memory, and a page over the client's 64 MiB cap is refused with a
/// problem that names the cap.
@Suite struct HostileServerPageTests {
  /// A runs page of about `megabytes` MB: 200 runs, each carrying a workflow manifest (a real
  /// server's runs do), and one metric.
  static func page(megabytes: Int) -> String {
    let runs = 200
    let step = #"{\"name\":\"train-step\",\"container\":{\"image\":\"python:3.12\"}},"#
    let manifest = String(repeating: step, count: megabytes * 1_000_000 / runs / step.utf8.count)
    let items = (0..<runs).map { index in
      #"{"id":"big-\#(index)","name":"big run \#(index)","status":"Succeeded","#
        + #""created_at":"2026-01-01T00:00:00Z","pipeline_spec":{"workflow_manifest":""#
        + manifest
        + #""},"metrics":[{"name":"accuracy","node_id":"train","number_value":0.\#(index),"#
        + #""format":"PERCENTAGE"}]}"#
    }
    return #"{"runs":["# + items.joined(separator: ",") + #"],"total_size":\#(runs)}"#
  }

  static func server(page: String) throws -> KFPTestServer {
    var options = KFPTestServer.Options()
    let reply = HTTPReply.json(page)
    options.intercept = { request in request.path.hasSuffix("/runs") ? reply : nil }
    return try KFPTestServer(options)
  }

  /// The largest resident size of any child this process has waited for, in bytes: an upper
  /// bound for the last child's (Linux reports kilobytes, macOS bytes).
  static func childrenPeakBytes() -> Int {
    var usage = rusage()
    #if canImport(Darwin)
      getrusage(RUSAGE_CHILDREN, &usage)
      return Int(usage.ru_maxrss)
    #else
      getrusage(RUSAGE_CHILDREN.rawValue, &usage)
      return Int(usage.ru_maxrss) * 1024
    #endif
  }

  /// Whether this build runs under AddressSanitizer or ThreadSanitizer (the binary is built
  /// the same way as the tests).
  static var sanitized: Bool {
    let program = dlopen(nil, RTLD_NOW)
    return dlsym(program, "__asan_init") != nil || dlsym(program, "__tsan_init") != nil
  }

  @Test func aFiftyMegabytePageLoadsWithinBoundedTimeAndMemory() async throws {
    let page = Self.page(megabytes: 50)
    #expect(page.utf8.count > 50_000_000)
    let server = try Self.server(page: page)
    defer { server.stop() }
    let fixture = try Fixture()
    let result = try await BinaryRunner.runRaw(
      ["list", server.baseURL.absoluteString, "--format", "csv"], in: fixture.root, deadline: 120)
    #expect(result.status == 0, "\(result.text)")
    let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 201)
    #expect(lines.contains { $0.hasPrefix("big-199,big run 199,") })
    // Whatever else ran meanwhile, no child grew past this: a few copies of the page at most
    // (a sanitizer's shadow memory and quarantine roughly triple that).
    let peak = Self.childrenPeakBytes()
    let bound = (Self.sanitized ? 3 : 1) << 30
    #expect(peak < bound, "peak resident size \(peak >> 20) MiB")
    print("hostile: a 50 MB page loaded in \(result.seconds) s; children's peak \(peak >> 20) MiB")
  }

  @Test func aPageOverTheCapIsRefusedNamingIt() async throws {
    let page = Self.page(megabytes: 70)
    #expect(page.utf8.count > 64 << 20)
    let server = try Self.server(page: page)
    defer { server.stop() }
    let fixture = try Fixture()
    let result = try await BinaryRunner.runRaw(
      ["list", server.baseURL.absoluteString], in: fixture.root, deadline: 120)
    #expect(result.status == 3, "\(result.text)")
    let stderr = String(decoding: result.stderr, as: UTF8.self)
    #expect(stderr.contains("larger than 64 MiB"), "\(stderr)")
    // Trying again would fetch the same page: the advice is to check the URL, not to retry.
    #expect(!stderr.contains("retry"), "\(stderr)")
    #expect(stderr.contains(server.baseURL.absoluteString), "\(stderr)")
    print("hostile: a 70 MB page was refused in \(result.seconds) s: \(stderr)")
  }
}
