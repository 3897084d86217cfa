import Foundation

/// The v2beta1 wire format of the test server's runs and experiments (KFP 2.x).
extension TestRun {
  /// The v2beta1 `Run` JSON object: `state`, parameters in `runtime_config` (numbers as JSON
  /// numbers), the pipeline as a version reference, no metrics.
  public var v2JSON: String {
    let state: String? =
      switch status?.lowercased() {
      case "succeeded": "SUCCEEDED"
      case "failed": "FAILED"
      case "running": "RUNNING"
      case "pending": "PENDING"
      case "skipped": "SKIPPED"
      case let other?: other.uppercased()
      case nil: nil
      }
    let values = parameters.map { name, value in
      (name, Double(value) != nil ? value : WireJSON.quote(value)) as (String, String?)
    }
    let reference = pipelineName.map {
      WireJSON.object([
        ("pipeline_id", WireJSON.quote("pl-" + $0)),
        ("pipeline_version_id", WireJSON.quote("pv-" + $0)),
      ])
    }
    return WireJSON.object([
      ("experiment_id", experimentID.map(WireJSON.quote)),
      ("run_id", WireJSON.quote(id)), ("display_name", WireJSON.quote(name)),
      ("storage_state", "\"AVAILABLE\""),
      ("pipeline_version_reference", reference),
      (
        "runtime_config",
        values.isEmpty ? nil : WireJSON.object([("parameters", WireJSON.object(values))])
      ),
      ("service_account", "\"pipeline-runner\""),
      ("created_at", WireJSON.quote(Self.timestamp(createdAt))),
      ("scheduled_at", WireJSON.quote(Self.timestamp(createdAt))),
      ("finished_at", WireJSON.quote(Self.timestamp(finishedAt ?? 0))),
      ("state", state.map(WireJSON.quote)),
      (
        "error",
        state == "FAILED"
          ? WireJSON.object([("code", "2"), ("message", "\"task train failed\"")]) : nil
      ),
    ])
  }
}

extension TestExperiment {
  /// The v2beta1 `Experiment` JSON object.
  public var v2JSON: String {
    WireJSON.object([
      ("experiment_id", WireJSON.quote(id)), ("display_name", WireJSON.quote(name)),
      ("created_at", "\"2026-01-01T00:00:00Z\""), ("namespace", namespace.map(WireJSON.quote)),
      ("storage_state", "\"AVAILABLE\""),
    ])
  }
}
