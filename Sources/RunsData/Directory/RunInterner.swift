import RunsCore

/// Makes runs share one copy of what they repeat: the experiment, the pipeline name, the
/// parameter list and long metric names. Each run read from its own files would otherwise hold
/// its own copy of the same text, which at 10,000 runs is a good part of the memory they take.
struct RunInterner {
  /// Text up to this many UTF-8 bytes is stored inside the `String` itself: nothing to share.
  static let inlineBytes = 15

  private var experiments: Set<ExperimentRef> = []
  private var texts: Set<String> = []
  private var parameterLists: Set<[Parameter]> = []

  /// Replaces the run's repeated values with the instances seen first. Values stay equal, so
  /// nothing a caller can observe changes but the memory.
  mutating func intern(_ run: inout Run) {
    if let experiment = run.experiment {
      run.experiment = experiments.insert(experiment).memberAfterInsert
    }
    if let pipeline = run.pipeline { run.pipeline = shared(pipeline) }
    if !run.parameters.isEmpty {
      run.parameters = parameterLists.insert(run.parameters).memberAfterInsert
    }
    for index in run.metrics.indices where run.metrics[index].name.utf8.count > Self.inlineBytes {
      run.metrics[index].name = shared(run.metrics[index].name)
    }
  }

  private mutating func shared(_ text: String) -> String {
    guard text.utf8.count > Self.inlineBytes else { return text }
    return texts.insert(text).memberAfterInsert
  }
}
