import Foundation
import NIOSSL

/// The PEM file `--ca-cert` names: the CA certificates a server's certificate may chain to.
public enum CACertificateFile {
  /// Why the file cannot be used, as a sentence naming it.
  public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
  }

  /// A CA file is a few certificates; anything far larger is not one.
  static let limit = 4 << 20

  /// The certificates in the PEM file at `path`, or why there are none.
  public static func load(_ path: String) -> Result<[NIOSSLCertificate], Problem> {
    let outcome = BoundedFile.read(path, limit: limit)
    guard let bytes = outcome.bytes else {
      return .failure(
        Problem(description: "the CA file \(path) \(outcome.reason(limit: limit) ?? "")"))
    }
    guard let certificates = try? NIOSSLCertificate.fromPEMBytes(bytes), !certificates.isEmpty
    else {
      return .failure(
        Problem(
          description:
            "the CA file \(path) does not hold a PEM certificate (-----BEGIN CERTIFICATE-----)"))
    }
    return .success(certificates)
  }

  /// Why the file at `path` cannot be used as `--ca-cert`; `nil` when it can.
  public static func check(_ path: String) -> Problem? {
    if case .failure(let problem) = load(path) { return problem }
    return nil
  }
}
