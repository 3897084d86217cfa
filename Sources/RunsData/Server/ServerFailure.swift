import RunsCore

/// A request to the KFP API that produced no usable JSON, with the problem that explains it.
struct ServerFailure: Error, Sendable {
  /// What went wrong, broadly: decides whether the source counts as unreachable.
  enum Kind: Sendable, Hashable {
    /// No HTTP answer: refused, timed out, unknown host, TLS.
    case unreachable
    /// HTTP 401 or 403.
    case unauthorized
    /// HTTP 404.
    case notFound
    /// Any other HTTP error status.
    case httpStatus(Int)
    /// A 2xx answer whose body is not the expected JSON.
    case badBody
  }

  /// The broad kind.
  var kind: Kind
  /// The problem shown to the person: location without credentials, one sentence.
  var problem: Problem
  /// How many tries were made.
  var attempts: Int
}
