#!/usr/bin/env bash
# Benchmark for SPEC §8 "speed": load N runs (3 metrics files each) from a directory and print
# them sorted by a metric, next to `find DIR -type f -exec cat {} +` on the same tree.
#
#   scripts/benchmark-list.sh [RUNS]     # default 10000 runs = 30000 files
#
# Builds kfp-runs in release mode, writes the tree to a temporary folder (removed at the end),
# warms the file cache, then prints the best wall-clock time of 5 tries of each command.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10000}

swift build -c release --product kfp-runs >/dev/null
bin="$(swift build -c release --show-bin-path)/kfp-runs"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "writing $runs runs ($((runs * 3)) metrics files) to $dir"
awk -v runs="$runs" -v root="$dir/runs" 'BEGIN {
  split("train evaluate export", steps, " ")
  srand(1)
  for (i = 0; i < runs; i++) {
    for (s = 1; s <= 3; s++) print root "/run-" sprintf("%05d", i) "/" steps[s]
  }
}' | xargs mkdir -p
awk -v runs="$runs" -v root="$dir/runs" 'BEGIN {
  split("train evaluate export", steps, " ")
  srand(1)
  for (i = 0; i < runs; i++) {
    for (s = 1; s <= 3; s++) {
      file = root "/run-" sprintf("%05d", i) "/" steps[s] "/mlpipeline-metrics.json"
      printf "{\"metrics\": [{\"name\": \"accuracy\", \"numberValue\": %.6f, \"format\": \"PERCENTAGE\"}, {\"name\": \"%s-loss\", \"numberValue\": %.6f, \"format\": \"RAW\"}]}\n", rand(), steps[s], 3 * rand() > file
      close(file)
    }
  }
}'

best() {
  local best_time="" t
  for _ in 1 2 3 4 5; do
    t=$( { TIMEFORMAT=%R; time "$@" >/dev/null 2>&1; } 2>&1 )
    if [ -z "$best_time" ] || awk -v a="$t" -v b="$best_time" 'BEGIN { exit !(a < b) }'; then
      best_time=$t
    fi
  done
  echo "$best_time"
}

find "$dir/runs" -type f -exec cat {} + >/dev/null  # warm the cache
echo "machine: $(nproc) cores, $(uname -sm)"
echo "find -exec cat:                     $(best sh -c "find '$dir/runs' -type f -exec cat {} + > /dev/null") s"
echo "kfp-runs list --sort accuracy:      $(best "$bin" list "$dir/runs" --sort accuracy) s"
echo "kfp-runs list --sort accuracy csv:  $(best "$bin" list "$dir/runs" --sort accuracy --format csv) s"
