import Foundation

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// A port on 127.0.0.1 that refuses connections for as long as this value lives: bound but
/// never listening. A stopped server's port would do only until the kernel gives it to a
/// server another test starts; this one is not given out while it is held.
public final class RefusingPort: @unchecked Sendable {
  /// The port number.
  public let port: Int
  private let descriptor: Int32

  /// Binds an ephemeral port without listening on it.
  public init() throws {
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw HostileTreeError(message: "socket failed") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
        bind(descriptor, socketAddress, length) == 0
          && getsockname(descriptor, socketAddress, &length) == 0
      }
    }
    guard bound else {
      close(descriptor)
      throw HostileTreeError(message: "bind failed")
    }
    self.descriptor = descriptor
    self.port = Int(UInt16(bigEndian: address.sin_port))
  }

  /// `http://127.0.0.1:PORT`.
  public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

  deinit { close(descriptor) }
}
