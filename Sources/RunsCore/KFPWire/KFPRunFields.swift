import Foundation

/// The fields of a KFP `ApiRun` that were present and valid; absent or malformed ones are `nil`.
///
/// The directory source overlays these on what the directory itself says (its name, file times),
/// so it needs to know which fields a `run.json` really carried.
public struct KFPRunFields: Sendable, Hashable {
  /// `id`.
  public var id: String?
  /// `name`.
  public var name: String?
  /// `status`, `nil` when absent or empty.
  public var status: RunStatus?
  /// `created_at`.
  public var createdAt: Date?
  /// `finished_at`; the Unix epoch (KFP's "not finished") reads as `nil`.
  public var finishedAt: Date?
  /// The `EXPERIMENT` resource reference.
  public var experiment: ExperimentRef?
  /// `pipeline_spec.pipeline_name`, else the `PIPELINE` (or `PIPELINE_VERSION`) reference's name.
  public var pipeline: String?
  /// `pipeline_spec.parameters`, in order.
  public var parameters: [Parameter] = []
  /// `metrics`, each entry that could be read.
  public var metrics: [Metric] = []
  /// `error`: the server's message about a failed run.
  public var error: String?

  /// Creates empty fields.
  public init() {}

  /// The run these fields describe, `nil` without an id.
  public var run: Run? {
    guard let id else { return nil }
    return Run(
      id: id, name: name ?? id, status: status, createdAt: createdAt, finishedAt: finishedAt,
      experiment: experiment, pipeline: pipeline, parameters: parameters, metrics: metrics)
  }
}
