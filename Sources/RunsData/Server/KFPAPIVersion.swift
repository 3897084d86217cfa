/// A version of the KFP REST API: the paths under `{base}/apis/`.
public enum KFPAPIVersion: String, Sendable, Hashable {
  /// KFP 1.x (still served by 2.x): runs carry their metrics.
  case v1 = "v1beta1"
  /// KFP 2.x: runs without metrics; those live in ML Metadata.
  case v2 = "v2beta1"
}

/// `--api v1|v2|auto`: which API lists the runs.
public enum KFPAPIChoice: String, Sendable, Hashable, CaseIterable {
  /// The v1beta1 API.
  case v1
  /// The v2beta1 API.
  case v2
  /// v2beta1 when `GET {base}/apis/v2beta1/healthz` answers, else v1beta1.
  case auto
}
