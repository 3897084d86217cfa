#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer, then under ThreadSanitizer, each in its own
# build folder (.build-asan, .build-tsan), so it never disturbs a normal build.
#
#   scripts/sanitizers.sh [address|thread]… [-- swift test arguments…]
#
# With no sanitizer named, runs both. Arguments after `--` go to `swift test` (e.g.
# `-- --filter RunsDataTests`). The CLI tests run the kfp-runs binary built in the same folder,
# so the binary runs sanitized too. Exit status: non-zero when any run failed. Each run's
# output is kept in .build-SAN/sanitizer.log.
set -uo pipefail

cd "$(dirname "$0")/.."
sanitizers=()
while [[ $# -gt 0 && $1 != "--" ]]; do
  case "$1" in
    address | thread) sanitizers+=("$1") ;;
    *)
      echo "unknown sanitizer '$1' (address, thread)" >&2
      exit 2
      ;;
  esac
  shift
done
[[ ${1:-} == "--" ]] && shift
[[ ${#sanitizers[@]} -eq 0 ]] && sanitizers=(address thread)

# Sanitizer reports, not the Swift runtime's backtracer, explain a crash.
export SWIFT_BACKTRACE=enable=no
# A report fails the run even when the test itself would pass. Leaks are checked in the
# kfp-runs processes the tests start (the tests read KFP_RUNS_CHILD_ASAN_OPTIONS for them), not
# in the test runner, whose leaks at exit are Foundation's (Process, FileHandle) and XCTest's;
# the suppressions name the third-party code that holds memory until exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export KFP_RUNS_CHILD_ASAN_OPTIONS=${KFP_RUNS_CHILD_ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

status=0
for sanitizer in "${sanitizers[@]}"; do
  scratch=.build-${sanitizer:0:1}san
  mkdir -p "$scratch"
  log=$scratch/sanitizer.log
  echo "== swift test --sanitize=$sanitizer (log: $log)" >&2
  start=$SECONDS
  if swift test --sanitize="$sanitizer" --scratch-path "$scratch" "$@" >"$log" 2>&1; then
    result=passed
  else
    result=FAILED
    status=1
  fi
  summary=$(grep -E "Test run with .* (passed|failed)|Executed [0-9]+ tests" "$log" | tail -2)
  reports=$(grep -cE "^(==[0-9]+==ERROR|WARNING: ThreadSanitizer|SUMMARY: (Address|Thread)Sanitizer)" "$log")
  echo "== $sanitizer: $result in $((SECONDS - start)) s; sanitizer reports: $reports" >&2
  [[ -n $summary ]] && echo "$summary" >&2
  if [[ $result == FAILED ]]; then
    # What failed, so a CI log says it without the whole test output.
    grep -E "✘ Test .* recorded an issue|error:|^==[0-9]+==ERROR|^SUMMARY: " "$log" | head -60 >&2
  fi
done
exit $status
