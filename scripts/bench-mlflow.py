"""Times MLflow's file store on the same runs kfp-runs-bench measures kfp-runs on.

Usage:
  kfp-runs-bench --runs 10000 --mlflow-tree DIR/mlruns
  MLFLOW_ALLOW_FILE_STORE=true python3 scripts/bench-mlflow.py DIR/mlruns [ROUNDS]

Each round is a fresh interpreter, as a command a person runs would be: it lists every run of
every experiment ordered by accuracy-score (best first) and prints them as CSV, like
`kfp-runs list DIR --format csv --all-metrics --sort accuracy-score:desc`. Prints the median
wall time in seconds.
"""

import os
import statistics
import subprocess
import sys
import time

QUERY = r"""
import csv, sys
from mlflow.tracking import MlflowClient
client = MlflowClient(tracking_uri="file:" + sys.argv[1])
ids = [e.experiment_id for e in client.search_experiments()]
runs, token = [], None
while True:
    page = client.search_runs(ids, order_by=["metrics.`accuracy-score` DESC"],
                              max_results=50000, page_token=token)
    runs += list(page)
    token = page.token
    if not token:
        break
names = sorted({n for r in runs for n in r.data.metrics})
out = csv.writer(sys.stdout)
out.writerow(["id", "name", "status", "start_time", "end_time"] + names)
for r in runs:
    m = r.data.metrics
    out.writerow([r.info.run_id, r.info.run_name, r.info.status, r.info.start_time,
                  r.info.end_time] + [m.get(n, "") for n in names])
"""


def main():
    tree = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    env = dict(os.environ, MLFLOW_ALLOW_FILE_STORE="true")
    times = []
    for _ in range(rounds):
        start = time.monotonic()
        subprocess.run([sys.executable, "-c", QUERY, tree], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.monotonic() - start)
    print(f"{statistics.median(times):.3f}")


if __name__ == "__main__":
    main()
