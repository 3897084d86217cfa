import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Maps what SwiftNIO, NIOSSL and async-http-client throw to a `TransportFailure` whose text
/// says what happened in words, not in type names.
enum TransportErrors {
  /// The failure `error` means for a request to `url`.
  static func failure(from error: any Error, url: URL) -> TransportFailure {
    let host = url.host ?? "the server"
    switch error {
    case let failure as TransportFailure:
      return failure
    case is CancellationError:
      return .other("cancelled")
    case let error as HTTPClientError:
      return failure(from: error)
    case let error as NIOConnectionError:
      let dns = error.dnsAError ?? error.dnsAAAAError
      if error.connectionErrors.isEmpty, let dns {
        return failure(from: dns, url: url)
      }
      if let first = error.connectionErrors.first {
        return failure(from: first.error, url: url)
      }
      return .cannotConnect("no address of \(host) could be connected to")
    case let error as SocketAddressError.UnknownHost:
      return .hostNotFound("\(error.host): \(error.errorDescription)")
    case let error as IOError:
      return failure(errno: error.errnoCode, host: host)
    case let error as ChannelError:
      switch error {
      case .connectTimeout: return .timedOut
      case .eof, .ioOnClosedChannel, .alreadyClosed, .inputClosed, .outputClosed:
        return .connectionLost("the server closed the connection")
      default: return .other(String(describing: error))
      }
    case let error as NIOSSLError:
      return tlsFailure(error, host: host)
    case let error as NIOSSLExtraError:
      if error == .failedToValidateHostname || error == .serverHostnameImpossibleToMatch {
        return .tls("the server's certificate is not for \(host)")
      }
      return .tls(String(describing: error))
    case let error as HTTPParserError:
      if error == .invalidEOFState {
        return .connectionLost("the server closed the connection inside the answer's headers")
      }
      return .other("the answer is not valid HTTP (\(error))")
    default:
      return .other(String(describing: error))
    }
  }

  private static func failure(from error: HTTPClientError) -> TransportFailure {
    switch error {
    case .remoteConnectionClosed, .uncleanShutdown, .bodyLengthMismatch:
      return .connectionLost("the server closed the connection before the answer was complete")
    case .connectTimeout, .readTimeout, .writeTimeout, .tlsHandshakeTimeout, .deadlineExceeded,
      .getConnectionFromPoolTimeout:
      return .timedOut
    case .cancelled:
      return .other("cancelled")
    case .invalidURL, .emptyHost, .emptyScheme:
      return .other("the URL cannot be requested")
    default:
      return .other(error.shortDescription)
    }
  }

  private static func failure(errno code: Int32, host: String) -> TransportFailure {
    let text = String(cString: strerror(code))
    switch code {
    case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL, EAFNOSUPPORT:
      return .cannotConnect(text)
    case ECONNRESET, EPIPE, ECONNABORTED:
      return .connectionLost(text)
    case ETIMEDOUT:
      return .timedOut
    default:
      return .other(text)
    }
  }

  /// A handshake failure in words: an untrusted certificate, or a server that does not speak
  /// TLS at all.
  private static func tlsFailure(_ error: NIOSSLError, host: String) -> TransportFailure {
    switch error {
    case .handshakeFailed(let reason):
      let text = String(describing: reason)
      if text.contains("CERTIFICATE_VERIFY_FAILED") {
        return .tls("the server's certificate is not signed by a CA kfp-runs trusts")
      }
      if text.contains("WRONG_VERSION_NUMBER") || text.contains("HTTP_REQUEST") {
        return .tls("the server at \(host) does not speak TLS; is the URL http://?")
      }
      return .tls("the handshake failed: \(shortReason(text))")
    case .uncleanShutdown:
      return .connectionLost("the server closed the TLS connection before the answer was complete")
    default:
      return .tls(String(describing: error))
    }
  }

  /// `CERTIFICATE_VERIFY_FAILED` out of BoringSSL's `error:1000007d:SSL routines:…:REASON]`.
  static func shortReason(_ text: String) -> String {
    guard let colon = text.lastIndex(of: ":") else { return text }
    let reason = text[text.index(after: colon)...].filter {
      $0.isLetter || $0.isNumber || $0 == "_"
    }
    return reason.isEmpty ? text : reason.lowercased().replacingOccurrences(of: "_", with: " ")
  }
}
