import Foundation
import RunsCore

/// One generated run: everything the directory tree, the MLflow tree and the in-memory run set
/// are written from. The same index and seed always give the same run.
struct SyntheticRun {
  struct Step {
    /// The node id: the step directory's path inside the run directory.
    var nodeID: String
    var metrics: [Metric]
  }

  var index: Int
  var id: String
  var name: String
  var status: RunStatus
  var createdAt: Double
  /// `nil` while running.
  var finishedAt: Double?
  var experiment: ExperimentRef
  var pipeline: String
  var parameters: [Parameter]
  var steps: [Step]

  /// The directory the run is written to: sorts in index order.
  var directoryName: String {
    let digits = String(index)
    return "run-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
  }

  /// The run as the model holds it (what loading the tree yields).
  var run: Run {
    Run(
      id: id, name: name, status: status, createdAt: Date(timeIntervalSince1970: createdAt),
      finishedAt: finishedAt.map { Date(timeIntervalSince1970: $0) }, experiment: experiment,
      pipeline: pipeline, parameters: parameters, metrics: steps.flatMap(\.metrics))
  }
}

/// Makes `SyntheticRun`s: five experiments, three pipelines, six metrics with uneven
/// prevalence, one of them reported by two steps in some runs, mostly succeeded runs.
struct SyntheticRunMaker {
  static let metricNames = [
    "accuracy-score", "loss", "roc-auc-score", "precision", "recall", "f1-score",
  ]
  private static let models = ["resnet", "xgboost", "bert", "mlp", "lgbm", "vit", "tabnet"]
  private static let pipelines = ["train-and-evaluate", "hyperparameter-sweep", "nightly-retrain"]
  private static let experimentNames = ["mnist", "churn", "fraud-detection", "ranking", "ocr"]

  let seed: UInt64
  /// Share of runs that have the evaluate step (its four metrics).
  let evaluateShare: Double
  private let experiments: [ExperimentRef]

  init(seed: UInt64, evaluateShare: Double) {
    self.seed = seed
    self.evaluateShare = evaluateShare
    var random = SeededRandom(seed: seed)
    experiments = Self.experimentNames.map { ExperimentRef(id: Self.uuid(&random), name: $0) }
  }

  /// Run number `index` (independent of the others, so runs can be made in any order).
  func make(_ index: Int) -> SyntheticRun {
    var random = SeededRandom(seed: seed ^ (UInt64(index) &* 0x2545_F491_4F6C_DD1D))
    let model = Self.models[random.below(Self.models.count)]
    let rate = [0.1, 0.03, 0.01, 0.003, 0.001][random.below(5)]
    let batch = [16, 32, 64, 128, 256][random.below(5)]
    let name = "\(model)-lr\(rate)-b\(batch)-\(index)"
    let created = 1_767_225_600 + Double(index) * 37 + Double(random.below(30))
    let roll = random.unit()
    let status: RunStatus =
      roll < 0.85 ? .succeeded : roll < 0.93 ? .failed : roll < 0.97 ? .running : .error
    let finished = status == .running ? nil : created + 60 + Double(random.below(7200))

    let accuracy = 0.55 + 0.44 * random.unit()
    var train: [Metric] = []
    if random.unit() < 0.98 {
      train.append(Metric(name: "accuracy-score", nodeID: "", value: accuracy, format: .percentage))
    }
    train.append(Metric(name: "loss", nodeID: "", value: 2.5 * random.unit(), format: .raw))
    var steps = [SyntheticRun.Step(nodeID: "steps/train-" + random.hex(5), metrics: train)]
    if random.unit() < evaluateShare {
      var evaluate = [
        Metric(name: "roc-auc-score", nodeID: "", value: random.unit(), format: .percentage),
        Metric(name: "precision", nodeID: "", value: random.unit(), format: .raw),
        Metric(name: "recall", nodeID: "", value: random.unit(), format: .raw),
        Metric(name: "f1-score", nodeID: "", value: random.unit(), format: .unspecified),
      ]
      if random.unit() < 0.3 {
        let test = Metric(
          name: "accuracy-score", nodeID: "", value: accuracy - 0.05 * random.unit(),
          format: .percentage)
        evaluate.insert(test, at: 0)
      }
      steps.append(SyntheticRun.Step(nodeID: "steps/evaluate-" + random.hex(5), metrics: evaluate))
    }
    for step in steps.indices {
      for metric in steps[step].metrics.indices {
        steps[step].metrics[metric].nodeID = steps[step].nodeID
      }
    }
    return SyntheticRun(
      index: index, id: Self.uuid(&random), name: name, status: status, createdAt: created,
      finishedAt: finished, experiment: experiments[random.below(experiments.count)],
      pipeline: Self.pipelines[random.below(Self.pipelines.count)],
      parameters: [
        Parameter(name: "model", value: model),
        Parameter(name: "learning_rate", value: String(rate)),
        Parameter(name: "batch_size", value: String(batch)),
      ],
      steps: steps)
  }

  private static func uuid(_ random: inout SeededRandom) -> String {
    [8, 4, 4, 4, 12].map { random.hex($0) }.joined(separator: "-")
  }
}
