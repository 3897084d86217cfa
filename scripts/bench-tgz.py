"""Times kfp-runs on the same runs stored as mlpipeline-metrics.json and as KFP v1's
mlpipeline-metrics.tgz (what an artifact store mirror holds).

Usage:
  kfp-runs-bench --runs 10000 --write-tree DIR/json
  python3 scripts/bench-tgz.py KFP_RUNS_BINARY DIR/json [ROUNDS]

Writes DIR/tgz once: the same tree with every mlpipeline-metrics.json replaced by a .tgz holding
it (gzip'd tar, as Argo writes them). Then, alternately so both see the same machine load, runs
`kfp-runs list TREE --format csv --all-metrics --sort accuracy-score:desc > /dev/null` on each,
and `find TREE -type f -exec cat {} +` on the .json tree (the speed goal's baseline). Prints the
median wall times and checks both trees list the same runs and values.
"""

import gzip
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time

LIST = ["list", "--format", "csv", "--all-metrics", "--sort", "accuracy-score:desc"]


def tgz(data):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo("mlpipeline-metrics.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return gzip.compress(buffer.getvalue())


def convert(source, target):
    if os.path.isdir(target):
        return
    shutil.copytree(source, target + ".partial")
    for folder, _, files in os.walk(target + ".partial"):
        if "mlpipeline-metrics.json" in files:
            path = os.path.join(folder, "mlpipeline-metrics.json")
            with open(path, "rb") as handle:
                data = handle.read()
            with open(os.path.join(folder, "mlpipeline-metrics.tgz"), "wb") as handle:
                handle.write(tgz(data))
            os.remove(path)
    os.rename(target + ".partial", target)


def timed(command):
    start = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def main():
    binary, json_tree = sys.argv[1], os.path.abspath(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    tgz_tree = os.path.join(os.path.dirname(json_tree), "tgz")
    convert(json_tree, tgz_tree)
    outputs = [subprocess.run([binary] + LIST[:1] + [tree] + LIST[1:], check=True,
                              capture_output=True).stdout for tree in (json_tree, tgz_tree)]
    assert outputs[0] == outputs[1], "the .json and .tgz trees list differently"
    times = {"json": [], "tgz": [], "find": []}
    for _ in range(rounds):
        times["json"].append(timed([binary, LIST[0], json_tree] + LIST[1:]))
        times["tgz"].append(timed([binary, LIST[0], tgz_tree] + LIST[1:]))
        times["find"].append(timed(["find", json_tree, "-type", "f", "-exec", "cat", "{}", "+"]))
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"runs listed identically from both trees ({len(outputs[0].splitlines()) - 1} runs)")
    print(f"list .json tree  {median['json']:.3f} s")
    print(f"list .tgz tree   {median['tgz']:.3f} s  ({median['tgz'] / median['json']:.2f}x .json)")
    print(f"find+cat .json   {median['find']:.3f} s  (.tgz list / find: "
          f"{median['tgz'] / median['find']:.2f}x)")


if __name__ == "__main__":
    main()
