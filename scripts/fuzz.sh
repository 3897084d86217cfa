#!/usr/bin/env bash
# Builds one libFuzzer target (with AddressSanitizer) and runs it for SECONDS.
#
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags…]
#
# TARGET is one of: metrics-file (MetricsFileDecoder.decode), run-json (JSONParser.parse then
# KFPWire), text (TextSanitizer.clean, TextLayout.fit/pad), archive (Gunzip and TarReader, the
# .tgz reader), grpc-web (GRPCWebDecoder, then the ML Metadata protobuf readers). The fuzz entry points live in Fuzz/ and are compiled together with the RunsCore
# sources (archive: with RunsData's two archive files and the system zlib), outside SwiftPM. The seed corpus is
# Fuzz/corpus/TARGET; new inputs the fuzzer finds go to .build-fuzz/TARGET/corpus, crashes to
# .build-fuzz/TARGET/crash-*. Needs a Linux Swift toolchain (`-sanitize=fuzzer`).
# Set FUZZ_BUILD_ONLY=1 to build without running; FUZZ_JOBS for libFuzzer's -jobs.
set -euo pipefail

cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags…]}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags…]}
shift 2

case "$target" in
  metrics-file) entry=Fuzz/MetricsFileFuzz.swift ;;
  run-json) entry=Fuzz/RunJSONFuzz.swift ;;
  text) entry=Fuzz/TextFuzz.swift ;;
  archive) entry=Fuzz/ArchiveFuzz.swift ;;
  grpc-web) entry=Fuzz/GRPCWebFuzz.swift ;;
  *)
    echo "unknown target '$target' (metrics-file, run-json, text, archive, grpc-web)" >&2
    exit 2
    ;;
esac

out=.build-fuzz/$target
mkdir -p "$out/corpus"
binary=$out/fuzz-$target

# Rebuild only when a source is newer than the binary.
if [[ $target == archive ]]; then
  sources=(Sources/RunsData/Archive/Gunzip.swift Sources/RunsData/Archive/TarReader.swift)
  libraries=(-I Sources/CZlib -lz)
else
  mapfile -t sources < <(find Sources/RunsCore -name '*.swift' | sort)
  libraries=()
fi
if [[ ! -x $binary ]] || [[ -n $(find "${sources[@]}" Fuzz -name '*.swift' -newer "$binary") ]]; then
  echo "building $binary" >&2
  swiftc -sanitize=fuzzer,address -parse-as-library -O -g -use-ld=lld \
    -module-name FuzzTarget -package-name kfp_runs -o "$binary" "${libraries[@]}" \
    Fuzz/FuzzSupport.swift "$entry" "${sources[@]}"
fi
[[ ${FUZZ_BUILD_ONLY:-0} == 1 ]] && exit 0

# -max_len 65536: large enough for deep nesting and long names, small enough to stay fast.
# -timeout 10: one input taking 10 s is a hang.
# The Swift runtime's backtracer would fight AddressSanitizer over a crash: leave it to ASan.
export SWIFT_BACKTRACE=enable=no
exec "$binary" \
  -max_total_time="$seconds" -timeout=10 -max_len=65536 -rss_limit_mb=4096 \
  -print_final_stats=1 -artifact_prefix="$out/" \
  "$@" "$out/corpus" "Fuzz/corpus/$target"
