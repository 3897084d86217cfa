import Foundation

/// What a plot axis shows: a metric, a numeric parameter, the start time or the duration.
public enum PlotAxis: Sendable, Hashable {
  case created
  case duration
  case metric(String)
  case parameter(String)

  /// The axis as the title and pickers name it.
  public var name: String {
    switch self {
    case .created: "created"
    case .duration: "duration"
    case .metric(let name), .parameter(let name): name
    }
  }

  /// What kind of axis it is, for pickers and error messages.
  public var kind: String {
    switch self {
    case .created: "start time"
    case .duration: "run duration"
    case .metric: "metric"
    case .parameter: "parameter"
    }
  }

  /// The run's value on this axis, `nil` when it has none (a metric it lacks, a parameter that
  /// is not a number, a run that has not finished). Only finite values come back.
  public func value(of run: Run) -> Double? {
    let value: Double? =
      switch self {
      case .created: run.createdAt?.timeIntervalSince1970
      case .duration: run.duration
      case .metric(let name): run.value(of: name)
      case .parameter(let name): run.parameters.first { $0.name == name }.flatMap(Self.number)
      }
    guard let value, value.isFinite else { return nil }
    return value
  }

  /// A parameter value read as a number: decimal text only (no `nan`, `inf` or hex).
  static func number(_ parameter: Parameter) -> Double? {
    let text = parameter.value.trimmingCharacters(in: .whitespaces)
    guard let first = text.unicodeScalars.first,
      first == "-" || first == "+" || first == "." || ("0"..."9").contains(first),
      !text.lowercased().contains("x"), let value = Double(text), value.isFinite
    else { return nil }
    return value
  }

  /// Every axis the runs offer: start time, duration, then the metrics (most reported first,
  /// then by name), then the parameters with a numeric value in some run (the same order).
  public static func choices(metrics: [String], runs: some Sequence<Run>) -> [PlotAxis] {
    var counts: [String: Int] = [:]
    for run in runs {
      var seen = Set<String>()
      for parameter in run.parameters where number(parameter) != nil {
        if seen.insert(parameter.name).inserted { counts[parameter.name, default: 0] += 1 }
      }
    }
    let parameters = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    return [.created, .duration] + metrics.map { .metric($0) }
      + parameters.map { .parameter($0.key) }
  }

  /// The axis `text` names among `choices`: `created`, `duration`, a metric or a parameter name,
  /// or `metric:NAME` / `param:NAME` when a name is shared. A bare name prefers the metric.
  public static func resolve(_ text: String, among choices: [PlotAxis]) -> PlotAxis? {
    if text.hasPrefix("metric:") {
      let axis = PlotAxis.metric(String(text.dropFirst("metric:".count)))
      return choices.contains(axis) ? axis : nil
    }
    if text.hasPrefix("param:") {
      let axis = PlotAxis.parameter(String(text.dropFirst("param:".count)))
      return choices.contains(axis) ? axis : nil
    }
    if text == "created" { return .created }
    if text == "duration" { return .duration }
    if choices.contains(.metric(text)) { return .metric(text) }
    if choices.contains(.parameter(text)) { return .parameter(text) }
    return nil
  }
}
