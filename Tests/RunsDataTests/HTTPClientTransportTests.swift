import Foundation
import KFPTestServer
import RunsData
import Testing

/// The server transport against a local HTTP server: what goes out, what comes back, and each
/// way an answer can fail.
@Suite struct HTTPClientTransportTests {
  let transport = HTTPClientTransport()

  /// Sends `request`, returning the failure instead of throwing it.
  func failure(_ request: HTTPRequest, _ transport: HTTPClientTransport? = nil) async
    -> TransportFailure?
  {
    do {
      _ = try await (transport ?? self.transport).send(request)
      return nil
    } catch {
      return error
    }
  }

  func url(_ server: LocalHTTPServer, _ path: String = "/x") -> URL {
    URL(string: "http://127.0.0.1:\(server.port)\(path)")!
  }

  @Test func aGetCarriesItsHeadersAndGetsTheAnswer() async throws {
    let seen = Recorder()
    let server = try LocalHTTPServer { request in
      seen.add(request)
      var reply = HTTPReply.json("{\"ok\":true}")
      reply.headers += [("X-Twice", "a"), ("X-Twice", "b")]
      return reply
    }
    defer { server.stop() }
    let response = try await transport.send(
      HTTPRequest(url: url(server, "/apis?a=1"), headers: ["Authorization": "Bearer t"]))
    #expect(response.status == 200)
    #expect(String(decoding: response.body, as: UTF8.self) == "{\"ok\":true}")
    #expect(response.header("content-type") == "application/json")
    #expect(response.header("X-Twice") == "a, b")
    let request = try #require(seen.requests.first)
    #expect(request.method == "GET")
    #expect(request.target == "/apis?a=1")
    #expect(request.header("Authorization") == "Bearer t")
  }

  @Test func aPostCarriesItsBody() async throws {
    let seen = Recorder()
    let server = try LocalHTTPServer { request in
      seen.add(request)
      return HTTPReply(status: 200, body: request.body.reversed())
    }
    defer { server.stop() }
    let body: [UInt8] = [0, 0, 0, 0, 2, 8, 1]
    let response = try await transport.send(
      HTTPRequest(
        url: url(server), headers: ["Content-Type": "application/grpc-web+proto"], body: body))
    #expect(response.body == body.reversed())
    let request = try #require(seen.requests.first)
    #expect(request.method == "POST")
    #expect(request.body == body)
    #expect(request.header("Content-Type") == "application/grpc-web+proto")
  }

  @Test func aRedirectIsHandedBackNotFollowed() async throws {
    let seen = Recorder()
    let server = try LocalHTTPServer { request in
      seen.add(request)
      return .redirect(to: "/elsewhere")
    }
    defer { server.stop() }
    let response = try await transport.send(HTTPRequest(url: url(server)))
    #expect(response.status == 302)
    #expect(response.header("Location") == "/elsewhere")
    #expect(seen.requests.map(\.path) == ["/x"])
  }

  @Test func noCookieIsKept() async throws {
    let seen = Recorder()
    let server = try LocalHTTPServer { request in
      seen.add(request)
      var reply = HTTPReply.json("{}")
      reply.headers.append(("Set-Cookie", "session=abc; Path=/"))
      return reply
    }
    defer { server.stop() }
    _ = try await transport.send(HTTPRequest(url: url(server)))
    _ = try await transport.send(HTTPRequest(url: url(server)))
    #expect(seen.requests.count == 2)
    #expect(seen.requests.allSatisfy { $0.header("Cookie") == nil })
  }

  @Test func aBodyOverTheCapIsRefusedWhileItArrives() async throws {
    let big = [UInt8](repeating: 65, count: 5000)
    let server = try LocalHTTPServer { request in
      let reply = HTTPReply(status: 200, body: big)
      // Without a length the cap can only be found while reading.
      return request.path == "/streamed"
        ? reply.truncated(after: 5000, declareLength: false) : reply
    }
    defer { server.stop() }
    let capped = HTTPClientTransport(maxBodyBytes: 1000)
    #expect(
      await failure(HTTPRequest(url: url(server, "/streamed")), capped) == .tooLarge(bytes: 1000))
    #expect(
      await failure(HTTPRequest(url: url(server, "/declared")), capped) == .tooLarge(bytes: 1000))
    let response = try await HTTPClientTransport(maxBodyBytes: 5000).send(
      HTTPRequest(url: url(server, "/streamed")))
    #expect(response.body == big)
  }

  @Test func aSilentServerTimesOut() async throws {
    let server = try LocalHTTPServer { _ in HTTPReply.json("{}").delayed(20) }
    defer { server.stop() }
    // The timer runs on the event loop. No bound on the wall time: when the caller sees the
    // failure depends on Swift's thread pool, which other tests' blocking waits can hold for
    // minutes in a full run on a loaded machine.
    #expect(await failure(HTTPRequest(url: url(server), timeout: 0.3)) == .timedOut)
  }

  @Test func aTricklingServerIsTooSlow() async throws {
    let server = try LocalHTTPServer { _ in HTTPReply.json("{\"runs\":[]}").trickled(every: 0.05) }
    defer { server.stop() }
    // A byte every 0.05 s keeps a 1 s idle limit from firing, even on a busy machine.
    #expect(await failure(HTTPRequest(url: url(server), timeout: 1)) == .tooSlow(seconds: 10))
  }

  @Test func aRefusedConnectionCannotConnect() async throws {
    let server = try LocalHTTPServer { _ in .json("{}") }
    let port = server.port
    server.stop()
    let result = await failure(HTTPRequest(url: URL(string: "http://127.0.0.1:\(port)/x")!))
    guard case .cannotConnect(let detail) = result else {
      Issue.record("expected cannotConnect, got \(String(describing: result))")
      return
    }
    #expect(detail.contains("refused"))
  }

  /// What a dying `kubectl port-forward` does; FoundationNetworking crashed on it.
  @Test func aConnectionClosedInsideTheHeadIsALostConnection() async throws {
    let server = try LocalHTTPServer { _ in .raw("HTTP/1.1 200 OK\r\n") }
    defer { server.stop() }
    let result = await failure(HTTPRequest(url: url(server)))
    guard case .connectionLost = result else {
      Issue.record("expected connectionLost, got \(String(describing: result))")
      return
    }
  }

  @Test func aCutBodyIsALostConnection() async throws {
    let server = try LocalHTTPServer { _ in
      HTTPReply.json("{\"runs\":[1,2,3]}").truncated(after: 5)
    }
    defer { server.stop() }
    let result = await failure(HTTPRequest(url: url(server)))
    guard case .connectionLost = result else {
      Issue.record("expected connectionLost, got \(String(describing: result))")
      return
    }
  }

  @Test func anIPv6LiteralReachesAServerOnLoopback6() async throws {
    let seen = Recorder()
    let server = try LocalHTTPServer(ipv6: true) { request in
      seen.add(request)
      return .json("{}")
    }
    defer { server.stop() }
    let response = try await transport.send(
      HTTPRequest(url: URL(string: "http://[::1]:\(server.port)/apis")!))
    #expect(response.status == 200)
    #expect(seen.requests.first?.header("Host") == "[::1]:\(server.port)")
  }
}

/// Collects the requests a test server saw, from its connection threads.
final class Recorder: @unchecked Sendable {
  private let lock = NSLock()
  private var seen: [RecordedRequest] = []

  func add(_ request: RecordedRequest) {
    lock.withLock { seen.append(request) }
  }

  var requests: [RecordedRequest] { lock.withLock { seen } }
}
