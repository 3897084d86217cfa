import Foundation
import RunsCore

/// The built-in sample runs of `--demo`: deterministic, and shaped to exercise every feature —
/// PERCENTAGE, RAW and unformatted metrics with uneven prevalence, a metric reported by two
/// steps, failed, running and pending runs, parameters, two experiments and two pipelines, and
/// names that are long or not ASCII.
public enum DemoRuns {
  /// The experiments the demo runs belong to.
  public static let experiments = [
    ExperimentRef(id: "0c6f2a4e-3b1d-4f7a-9e2c-5d8b1a7f3c90", name: "churn-prediction"),
    ExperimentRef(id: "9a1e7d3b-5c2f-4e8a-b6d4-2f0c8e1a9b57", name: "image-classifier"),
  ]

  /// The number of demo runs.
  public static let count = 36

  /// The demo runs (newest last) and their problems, the same on every call.
  public static func load() -> LoadResult {
    var random = SeededRandom(seed: 2026)
    var runs: [Run] = []
    var problems: [Problem] = []
    for index in 0..<count {
      let created = Date(timeIntervalSince1970: firstStart + Double(index) * runSpacing)
      let spec = RunSpec(index: index, created: created, random: &random)
      runs.append(spec.run)
      if let error = spec.error {
        problems.append(
          Problem(
            location: "demo", severity: .warning,
            message:
              "run \"\(spec.run.name)\" (\(spec.run.id)): the run reports an error: \"\(error)\"",
            runID: spec.run.id))
      }
    }
    // One run also has a hand-written metrics file with the mistakes people make: its valid
    // entry loads, the others become problems (what `!` and `kfp-runs check --demo` show).
    let file = handWrittenFile
    let decoded = MetricsFileDecoder.decode(file.bytes, path: file.path, nodeID: file.nodeID)
    if let run = runs.firstIndex(where: { $0.name == file.runName }) {
      runs[run].metrics += decoded.metrics
      problems += decoded.problems.map { problem in
        var problem = problem
        problem.runID = runs[run].id
        return problem
      }
    }
    return LoadResult(runs: runs, experiments: experiments, problems: problems)
  }

  /// A metrics file written by hand for one demo run, with real mistakes: a lowercase
  /// `percentage` format, a number written as a string, and a name outside the documented
  /// pattern (kept, with a warning).
  public static let handWrittenFile:
    (runName: String, nodeID: String, path: String, bytes: [UInt8]) = {
      let index = 16
      let created = Date(timeIntervalSince1970: firstStart + Double(index) * runSpacing)
      let runName = RunSpec.name(index, created: created, isXGBoost: index % 3 != 2)
      let text = """
        {
          "metrics": [
            {"name": "recall", "numberValue": 0.812, "format": "percentage"},
            {"name": "precision", "numberValue": "0.77", "format": "PERCENTAGE"},
            {"name": "Balanced_Accuracy", "numberValue": 0.8031, "format": "PERCENTAGE"}
          ]
        }

        """
      return (
        runName, "evaluate-by-hand", "demo/\(runName)/evaluate-by-hand/mlpipeline-metrics.json",
        Array(text.utf8)
      )
    }()

  /// 2026-04-01T09:00:00Z: the first demo run's start.
  private static let firstStart = 1_775_034_000.0
  /// Runs start every 7 h 13 min.
  private static let runSpacing = 25_980.0

  /// One demo run, derived from its index so prevalence and statuses are fixed by design.
  private struct RunSpec {
    var run: Run
    var error: String?

    init(index: Int, created: Date, random: inout SeededRandom) {
      let isXGBoost = index % 3 != 2
      let pipeline = isXGBoost ? "xgboost-trainer" : "resnet-finetune"
      let experiment = DemoRuns.experiments[index % 4 == 3 ? 1 : 0]
      let status = Self.status(index)
      let minutes = 4 + random.below(52)
      let finished =
        [.running, .pending].contains(status)
        ? nil : created.addingTimeInterval(Double(minutes * 60 + random.below(60)))
      run = Run(
        id: random.uuid(), name: Self.name(index, created: created, isXGBoost: isXGBoost),
        status: status,
        createdAt: created, finishedAt: finished, experiment: experiment, pipeline: pipeline,
        parameters: Self.parameters(isXGBoost: isXGBoost, random: &random),
        metrics: Self.metrics(index, status: status, isXGBoost: isXGBoost, random: &random))
      if status == .failed || status == .error {
        error =
          index == 9
          ? "task 'train' failed: OOMKilled (exit code 137)" : "task 'evaluate' failed: exit code 1"
      }
    }

    static func status(_ index: Int) -> RunStatus {
      switch index {
      case 9, 20: .failed
      case 27: .error
      case 33, 34: .running
      case 35: .pending
      default: .succeeded
      }
    }

    static func name(_ index: Int, created: Date, isXGBoost: Bool) -> String {
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = TimeZone(identifier: "UTC")!
      let parts = calendar.dateComponents([.month, .day, .hour, .minute], from: created)
      let stamp = String(
        format: "%02d%02d-%02d%02d", parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
        parts.minute ?? 0)
      switch index {
      case 12:
        return
          "xgboost-training-with-extended-hyperparameter-search-and-5-fold-cross-validation-\(stamp)"
      case 16: return "résumé-clf-\(stamp)"
      case 23: return "画像分類-resnet-\(stamp)"
      default: return (isXGBoost ? "xgboost-training-" : "resnet-finetune-") + stamp
      }
    }

    static func parameters(isXGBoost: Bool, random: inout SeededRandom) -> [Parameter] {
      let rates = ["0.3", "0.1", "0.05", "0.01"]
      if isXGBoost {
        return [
          Parameter(name: "learning_rate", value: rates[random.below(rates.count)]),
          Parameter(name: "max_depth", value: String(3 + random.below(6))),
          Parameter(name: "epochs", value: ["10", "20", "50"][random.below(3)]),
        ]
      }
      return [
        Parameter(name: "learning_rate", value: rates[1 + random.below(3)]),
        Parameter(name: "batch_size", value: ["32", "64", "128"][random.below(3)]),
        Parameter(name: "optimizer", value: ["adam", "sgd", "rmsprop"][random.below(3)]),
        Parameter(name: "epochs", value: ["10", "20", "50"][random.below(3)]),
      ]
    }

    /// Prevalence by design: accuracy-score 33, roc-auc 28, loss 22, f1-score 16,
    /// train-seconds 8, precision 4 — so the top three columns are clear.
    static func metrics(
      _ index: Int, status: RunStatus, isXGBoost: Bool, random: inout SeededRandom
    )
      -> [Metric]
    {
      if [27, 35].contains(index) || status == .failed && index == 9 { return [] }
      var metrics: [Metric] = []
      let accuracy = index == 5 ? 0.95675 : decimals(0.78 + random.demoUnit() * 0.19)
      metrics.append(
        Metric(name: "accuracy-score", nodeID: "train", value: accuracy, format: .percentage))
      // Every xgboost run also scores on held-out data: the same metric from a second step.
      if isXGBoost, status != .failed, index != 34 {
        let evaluated = decimals(accuracy - 0.01 - random.demoUnit() * 0.04)
        metrics.append(
          Metric(name: "accuracy-score", nodeID: "evaluate", value: evaluated, format: .percentage))
      }
      let early = status == .failed || status == .running
      if !early, index % 7 != 6 {
        metrics.append(
          Metric(
            name: "roc-auc", nodeID: "evaluate", value: decimals(0.84 + random.demoUnit() * 0.15),
            format: .percentage))
      }
      if index % 3 != 1 || index == 4 {
        let loss = index == 8 ? 0.0625 : decimals(0.04 + random.demoUnit() * 0.55)
        metrics.append(Metric(name: "loss", nodeID: "train", value: loss, format: .raw))
      }
      if !early, index % 2 == 0 {
        metrics.append(
          Metric(
            name: "f1-score", nodeID: "evaluate", value: decimals(0.6 + random.demoUnit() * 0.35),
            format: .unspecified))
      }
      if index % 3 == 0, index < 30 {
        metrics.append(
          Metric(
            name: "train-seconds", nodeID: "train", value: Double(120 + random.below(3400)),
            format: .raw))
      }
      if [3, 11, 19, 31].contains(index) {
        metrics.append(
          Metric(
            name: "precision", nodeID: "evaluate", value: decimals(0.7 + random.demoUnit() * 0.25),
            format: .percentage))
      }
      return metrics
    }
  }
}

/// `value` with at most five decimals, so the demo's numbers read like reported metrics.
private func decimals(_ value: Double) -> Double {
  (value * 100_000).rounded() / 100_000
}

/// The demo's own draw: five decimal digits, so the demo data stays what it always was.
extension SeededRandom {
  fileprivate mutating func demoUnit() -> Double {
    Double(next() % 100_000) / 100_000
  }

  /// A version-4-shaped UUID string, like KFP's run ids.
  fileprivate mutating func uuid() -> String {
    let high = next()
    let low = next()
    let hex = String(high, radix: 16).leftPadded(16) + String(low, radix: 16).leftPadded(16)
    let characters = Array(hex)
    func part(_ range: Range<Int>) -> String { String(characters[range]) }
    return "\(part(0..<8))-\(part(8..<12))-4\(part(13..<16))-a\(part(17..<20))-\(part(20..<32))"
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
