import Testing

@testable import RunsCore

@Suite struct MetricDirectionTests {
  @Test(
    arguments: [
      "loss", "val-loss", "train_loss", "valLoss", "logloss", "error", "error-rate",
      "mean_squared_error", "err", "top1_err", "mse", "MAE", "rmse", "test.rmse", "seconds",
      "train-seconds", "time", "inference_time_ms", "latency", "p99-latency", "cost",
      "duration", "perplexity", "mape", "loss2",
    ])
  func costLikeNames(name: String) {
    #expect(!MetricDirection.higherIsBetter(name))
  }

  @Test(
    arguments: [
      "accuracy", "accuracy-score", "f1", "precision", "recall", "auc", "roc-auc", "timestamp",
      "erratic", "runtime-speedup", "throughput", "mean", "glossary", "",
    ])
  func benefitLikeNames(name: String) {
    #expect(MetricDirection.higherIsBetter(name))
  }

  @Test func nameWords() {
    #expect(MetricDirection.words(of: "valLoss_2-top.K") == ["val", "loss", "top", "k"])
    #expect(MetricDirection.words(of: "RMSE") == ["rmse"])
  }
}
