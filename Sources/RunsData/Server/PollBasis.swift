import RunsCore

/// What polls of a server go on from after a load, so they read the runs the way the load
/// did: the API it used, the scope of its runs request, the names v2 runs refer to by id,
/// v2 runs as the API listed them (before their metrics), and the runs whose metrics could
/// not be read.
struct PollBasis: Sendable {
  /// The API the load listed the runs from; `nil` when it failed before knowing (then a
  /// poll loads again).
  var version: KFPAPIVersion?
  /// The runs request's scope: v1 `resource_reference_key.*`, v2 `experiment_id` or
  /// `namespace`.
  var scope: [(String, String)] = []
  /// v2: experiment and pipeline names.
  var names = V2RunNames()
  /// v2: the runs as the API listed them, before their metrics from ML Metadata.
  var listed: [Run] = []
  /// v2: the runs whose metrics the load could not read.
  var metricsUnread: Set<String> = []
  /// v2: the load's problems that say so (over once polls read those metrics).
  var metricsProblems: [Problem] = []
}
