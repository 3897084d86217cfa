import Foundation

extension RunChange {
  /// The change as `kfp-runs watch` prints it: `HH:MM:SS  RUN  what`, where what is
  /// `+ new run`, `− removed`, `status Running → Succeeded` or
  /// `accuracy-score 91.000% → 92.500% ▲` (a metric that appears or goes shows `–` on its
  /// missing side). `clock` is the local time of day.
  public func line(clock: String) -> String {
    "\(clock)  \(TextSanitizer.clean(runName))  \(whatText)"
  }

  /// The part after the run's name.
  public var whatText: String {
    switch kind {
    case .added: return "+ new run"
    case .removed: return "− removed"
    case .status(let old, let new):
      return "status \(old?.rawValue ?? "–") → \(new?.rawValue ?? "–")"
    case .metric(let name, let old, let new, let format):
      let before = old.map { KFPNumberFormat.text($0, format: format) } ?? "–"
      let after = new.map { KFPNumberFormat.text($0, format: format) } ?? "–"
      let arrow = kind.wentUp.map { $0 ? " ▲" : " ▼" } ?? ""
      return "\(TextSanitizer.clean(name)) \(before) → \(after)\(arrow)"
    }
  }

  /// The change as one line of JSON: `time` (RFC 3339 UTC), `run` (id), `name`, `change`
  /// (`added`, `removed`, `status` or `metric`), and for status and metric changes `old` and
  /// `new` (`null` where absent), a metric's `metric` name, `format` and `direction`
  /// (`up`/`down`, with `better` true or false).
  public func jsonLine(time: Date) -> String {
    var fields: [(String, String)] = [
      ("time", JSONWriter.quoted(TimeText.rfc3339UTC(time))),
      ("run", JSONWriter.quoted(runID)),
      ("name", JSONWriter.quoted(runName)),
    ]
    switch kind {
    case .added: fields.append(("change", "\"added\""))
    case .removed: fields.append(("change", "\"removed\""))
    case .status(let old, let new):
      fields.append(("change", "\"status\""))
      fields.append(("old", old.map { JSONWriter.quoted($0.rawValue) } ?? "null"))
      fields.append(("new", new.map { JSONWriter.quoted($0.rawValue) } ?? "null"))
    case .metric(let name, let old, let new, let format):
      fields.append(("change", "\"metric\""))
      fields.append(("metric", JSONWriter.quoted(name)))
      fields.append(("old", old.map(Self.number) ?? "null"))
      fields.append(("new", new.map(Self.number) ?? "null"))
      fields.append(("format", JSONWriter.quoted(format.rawValue)))
      if let up = kind.wentUp, let better = kind.gotBetter {
        fields.append(("direction", up ? "\"up\"" : "\"down\""))
        fields.append(("better", better ? "true" : "false"))
      }
    }
    return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
  }

  private static func number(_ value: Double) -> String {
    value.isFinite ? MachineNumber.text(value) : "null"
  }
}

extension RunStatus {
  /// Whether the run may still change by itself: Pending or Running.
  public var isActive: Bool { self == .pending || self == .running }
}
