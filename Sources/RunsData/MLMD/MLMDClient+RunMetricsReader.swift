import RunsCore

/// The KFP server source reads KFP 2.x runs' metrics from ML Metadata through this.
extension MLMDClient: RunMetricsReader {
  public func metrics(ofRuns ids: [String]) async throws(RunMetricsFailure) -> [String:
    V2RunMetrics]
  {
    do {
      return try await runsMetrics(runIDs: ids)
    } catch {
      throw RunMetricsFailure(
        message: error.message, isTransient: error.isTransient,
        isUnauthorized: error.isUnauthorized)
    }
  }
}

extension MLMDFailure {
  /// Whether the store (or its proxy) refused the credentials.
  var isUnauthorized: Bool {
    switch self {
    case .grpc(let status): ["PERMISSION_DENIED", "UNAUTHENTICATED"].contains(status.name)
    case .http(let status, _): status == 401 || status == 403
    case .badAnswer, .transport: false
    }
  }
}
