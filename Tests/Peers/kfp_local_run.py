"""Runs a small KFP 2.x pipeline with kfp.local, writing real executor outputs for the tests.

Usage: python kfp_local_run.py OUTPUT_ROOT
Writes OUTPUT_ROOT/<pipeline>-<timestamp>/<task>/executor_output.json for two pipelines.
edge-pipeline: two components log to Output[Metrics]; train is used twice; evaluate logs a bool;
boom fails (last, so every other task has run). nonfinite-pipeline logs NaN, Infinity and a
20-digit integer: the task writes its file, then kfp.local itself fails to read it back
(SerializeToJsonError), which is caught here.
"""
import sys

from kfp import dsl, local
from kfp.dsl import Metrics, Output


@dsl.component
def train(learning_rate: float, metrics: Output[Metrics]) -> float:
    metrics.log_metric("accuracy", 0.1 + 0.2 + 0.65)
    metrics.log_metric("loss", learning_rate * 10)
    metrics.log_metric("epochs", 12)
    metrics.log_metric("tiny", 1e-7)
    metrics.log_metric("note", "baseline")
    return 0.5


@dsl.component
def evaluate(eval_metrics: Output[Metrics], extra: Output[Metrics]):
    eval_metrics.log_metric("precision", 0.8)
    extra.log_metric("recall", 0.7)
    extra.log_metric("converged", True)


@dsl.component
def nonfinite(metrics: Output[Metrics]):
    metrics.log_metric("nan-metric", float("nan"))
    metrics.log_metric("inf-metric", float("inf"))
    metrics.log_metric("big", 12345678901234567890)
    metrics.log_metric("fine", 3)


@dsl.component
def boom(metrics: Output[Metrics]):
    # An output artifact makes kfp.local create the task's folder before the task fails.
    metrics.log_metric("never-written", 1)
    raise RuntimeError("boom")


@dsl.pipeline(name="edge-pipeline")
def edge_pipeline():
    first = train(learning_rate=0.01)
    second = train(learning_rate=0.1).set_display_name("train-again")
    scores = evaluate()
    boom().after(first, second, scores)


@dsl.pipeline(name="nonfinite-pipeline")
def nonfinite_pipeline():
    nonfinite()


if __name__ == "__main__":
    local.init(runner=local.SubprocessRunner(use_venv=False), pipeline_root=sys.argv[1],
               raise_on_error=False)
    edge_pipeline()
    try:
        nonfinite_pipeline()
    except Exception as error:  # kfp.local cannot serialize the NaN it wrote
        print(f"nonfinite-pipeline: {type(error).__name__} (expected)", file=sys.stderr)
