import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 with an ephemeral port: one thread accepts, one thread
/// per connection answers (keep-alive supported), `handler` decides every reply.
public final class LocalHTTPServer: @unchecked Sendable {
  /// Why the server could not start.
  public struct StartError: Error, CustomStringConvertible {
    public var description: String
  }

  /// The port the kernel chose.
  public let port: Int
  private let listener: Int32
  private let handler: @Sendable (RecordedRequest) -> HTTPReply
  private let lock = NSLock()
  // Guarded by `lock`.
  private var stopped = false
  private var connections: Set<Int32> = []
  private var activeThreads = 0

  /// Binds 127.0.0.1:0 (or `[::1]:0` with `ipv6`) and starts accepting.
  public init(ipv6: Bool = false, handler: @escaping @Sendable (RecordedRequest) -> HTTPReply)
    throws
  {
    self.handler = handler
    let fd = socket(ipv6 ? AF_INET6 : AF_INET, Self.streamType, 0)
    guard fd >= 0 else { throw StartError(description: "socket() failed: errno \(errno)") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    let bound = ipv6 ? Self.bindLoopback6(fd) : Self.bindLoopback4(fd)
    guard let bound, listen(fd, 64) == 0 else {
      close(fd)
      let host = ipv6 ? "[::1]" : "127.0.0.1"
      throw StartError(description: "bind/listen on \(host) failed: errno \(errno)")
    }
    listener = fd
    port = bound
    let thread = Thread { [self] in acceptLoop() }
    thread.name = "LocalHTTPServer.accept"
    lock.withLock { activeThreads += 1 }
    thread.start()
  }

  deinit {
    stop()
  }

  /// Stops accepting, breaks open connections and waits (briefly) for the threads to end.
  public func stop() {
    let open: Set<Int32>? = lock.withLock {
      if stopped { return nil }
      stopped = true
      return connections
    }
    guard let open else { return }
    for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
    let deadline = Date().addingTimeInterval(2)
    while lock.withLock({ activeThreads }) > 0, Date() < deadline {
      usleep(2000)
    }
    close(listener)
  }

  /// Whether `stop()` was called; slow replies check it while they wait.
  var isStopped: Bool { lock.withLock { stopped } }

  /// Binds `fd` to 127.0.0.1 with a port the kernel picks; that port, or `nil`.
  private static func bindLoopback4(_ fd: Int32) -> Int? {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return bindAndName(fd, &address)
  }

  /// Binds `fd` to ::1 with a port the kernel picks; that port, or `nil`.
  private static func bindLoopback6(_ fd: Int32) -> Int? {
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_port = 0
    address.sin6_addr = in6addr_loopback
    return bindAndName(fd, &address)
  }

  private static func bindAndName<Address>(_ fd: Int32, _ address: inout Address) -> Int? {
    let size = socklen_t(MemoryLayout<Address>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) }
    }
    guard bound == 0 else { return nil }
    var length = size
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    // sin_port and sin6_port sit at the same offset, after the family.
    let port = withUnsafeBytes(of: &address) { $0.load(fromByteOffset: 2, as: UInt16.self) }
    return Int(UInt16(bigEndian: port))
  }

  private static var streamType: Int32 {
    #if canImport(Glibc)
      Int32(SOCK_STREAM.rawValue)
    #else
      SOCK_STREAM
    #endif
  }

  private func acceptLoop() {
    defer { lock.withLock { activeThreads -= 1 } }
    while !isStopped {
      var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, 50) > 0 else { continue }
      let client = accept(listener, nil, nil)
      guard client >= 0 else { continue }
      #if canImport(Darwin)
        var yes: Int32 = 1
        setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
      #endif
      let accepted: Bool = lock.withLock {
        if stopped { return false }
        connections.insert(client)
        activeThreads += 1
        return true
      }
      guard accepted else {
        close(client)
        continue
      }
      let thread = Thread { [self] in serve(client) }
      thread.name = "LocalHTTPServer.connection"
      thread.start()
    }
  }

  private func serve(_ fd: Int32) {
    defer {
      lock.withLock {
        connections.remove(fd)
        activeThreads -= 1
      }
      close(fd)
    }
    var buffer: [UInt8] = []
    while !isStopped {
      guard let request = readRequest(fd, &buffer) else { return }
      let reply = handler(request)
      if reply.delay > 0, !sleep(reply.delay) { return }
      if reply.dropConnection { return }
      if let raw = reply.raw {
        _ = sendAll(raw[...], to: fd)
        return
      }
      let keepAlive = write(reply, to: fd, request: request)
      if !keepAlive { return }
    }
  }

  /// Sleeps in small steps; `false` when the server stopped meanwhile.
  private func sleep(_ seconds: TimeInterval) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if isStopped { return false }
      usleep(useconds_t(min(10_000, max(1, deadline.timeIntervalSinceNow * 1_000_000))))
    }
    return true
  }

  /// Reads one request: its head, and the body its `Content-Length` announces (at most 16 MiB);
  /// `nil` at end of stream.
  private func readRequest(_ fd: Int32, _ buffer: inout [UInt8]) -> RecordedRequest? {
    let separator: [UInt8] = [13, 10, 13, 10]
    var request: RecordedRequest?
    var bodyLength = 0
    while true {
      if request == nil, let end = Self.find(separator, in: buffer) {
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        buffer.removeFirst(end + separator.count)
        guard let parsed = Self.parse(head) else { return nil }
        request = parsed
        bodyLength = parsed.header("Content-Length").flatMap(Int.init) ?? 0
        guard (0...(16 << 20)).contains(bodyLength) else { return nil }
      }
      if var complete = request, buffer.count >= bodyLength {
        complete.body = Array(buffer[..<bodyLength])
        buffer.removeFirst(bodyLength)
        return complete
      }
      if request == nil, buffer.count > 64 * 1024 { return nil }
      var chunk = [UInt8](repeating: 0, count: 16 * 1024)
      let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count <= 0 { return nil }
      buffer.append(contentsOf: chunk[..<count])
    }
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for start in 0...(haystack.count - needle.count)
    where haystack[start..<(start + needle.count)].elementsEqual(needle) {
      return start
    }
    return nil
  }

  private static func parse(_ head: String) -> RecordedRequest? {
    let lines = head.components(separatedBy: "\r\n")
    let parts = lines.first?.split(separator: " ") ?? []
    guard parts.count >= 2 else { return nil }
    let target = String(parts[1])
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let pathEnd = target.firstIndex(of: "?") ?? target.endIndex
    var query: [String: String] = [:]
    if pathEnd < target.endIndex {
      for pair in target[target.index(after: pathEnd)...].split(separator: "&") {
        let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(pieces[0]).removingPercentEncoding ?? String(pieces[0])
        let value = pieces.count > 1 ? String(pieces[1]) : ""
        query[name] = value.removingPercentEncoding ?? value
      }
    }
    return RecordedRequest(
      method: String(parts[0]), target: target, path: String(target[..<pathEnd]), query: query,
      headers: headers)
  }

  /// Writes the reply; `true` when the connection stays open for another request.
  private func write(_ reply: HTTPReply, to fd: Int32, request: RecordedRequest) -> Bool {
    let closeAfter =
      reply.omitLength || reply.truncateAfter != nil || reply.trickleInterval != nil
      || request.header("Connection")?.lowercased() == "close"
    var head = "HTTP/1.1 \(reply.status) \(Self.reason(reply.status))\r\n"
    for (name, value) in reply.headers { head += "\(name): \(value)\r\n" }
    if reply.trickleInterval != nil {
      head += "Content-Length: \(1 << 24)\r\n"
    } else if !reply.omitLength {
      head += "Content-Length: \(reply.body.count)\r\n"
    }
    head += closeAfter ? "Connection: close\r\n\r\n" : "\r\n"
    if let interval = reply.trickleInterval {
      guard sendAll(Array(head.utf8)[...], to: fd), !reply.body.isEmpty else { return false }
      for byte in repeatElement(reply.body, count: Int.max).joined() {
        guard sleep(interval), sendAll([byte][...], to: fd) else { return false }
      }
      return false
    }
    var bytes = Array(head.utf8)
    bytes += reply.body.prefix(reply.truncateAfter ?? reply.body.count)
    guard sendAll(bytes[...], to: fd) else { return false }
    return !closeAfter
  }

  /// Sends every byte; `false` when the connection broke.
  private func sendAll(_ bytes: ArraySlice<UInt8>, to fd: Int32) -> Bool {
    var sent = bytes.startIndex
    while sent < bytes.endIndex {
      let count = bytes[sent...].withUnsafeBytes {
        send(fd, $0.baseAddress, $0.count, Self.noSignal)
      }
      if count <= 0 { return false }
      sent += count
    }
    return true
  }

  private static var noSignal: Int32 {
    #if canImport(Glibc)
      Int32(MSG_NOSIGNAL)
    #else
      0
    #endif
  }

  static func reason(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 307: "Temporary Redirect"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 429: "Too Many Requests"
    case 500: "Internal Server Error"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    default: "Status"
    }
  }
}
