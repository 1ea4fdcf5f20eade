#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer binaries of tests/fuzz with clang, ASan and UBSan in their own
# build folder, runs each for FUZZ_SECONDS on its corpus and dictionary, and prints executions per
# second. Exits non-zero when any target crashes, leaks, trips UBSan or hangs.
#   tools/run-fuzzers.sh [BUILD_DIR [TARGET...]]   e.g. tools/run-fuzzers.sh build-fuzz trace_reader
# FUZZ_SECONDS (60) per target; FUZZ_JOBS (nproc) for the build; FUZZ_NICE (10) for the runs.
# New inputs the fuzzer finds go to BUILD_DIR/fuzz-corpus/<target>, crashes to
# BUILD_DIR/fuzz-artifacts/<target>/; the corpora in the repository are only read.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build-fuzz}
shift || true
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-$(nproc)}
fuzz_dir=$root/tests/fuzz

# Every tests/fuzz/fuzz_<target>.cpp is a target, unless some are named.
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in "$fuzz_dir"/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name#fuzz_}")
  done
fi

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
# -O1 (quicker to compile than -O2 under ASan) with line tables for the reports' stacks;
# assertions stay on (no NDEBUG): they are oracles too.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DHILBENCH_BUILD_FUZZERS=ON \
  -DHILBENCH_BUILD_PYTHON=OFF -DHILBENCH_BUILD_BENCHMARKS=OFF -DHILBENCH_BUILD_FIRMWARE=OFF \
  "${launcher[@]}" >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
summary=()
for target in "${targets[@]}"; do
  scratch=$build/fuzz-corpus/$target
  artifacts=$build/fuzz-artifacts/$target/
  log=$build/fuzz-logs/$target.log
  mkdir -p "$scratch" "$artifacts" "$(dirname "$log")"
  dict=()
  [ -f "$fuzz_dir/dict/$target.dict" ] && dict=("-dict=$fuzz_dir/dict/$target.dict")
  echo "fuzzing $target for ${seconds}s" >&2
  # The scratch folder comes first: libFuzzer writes what it finds there, not in the repository.
  status=0
  nice -n "${FUZZ_NICE:-10}" "$build/bin/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "${dict[@]}" \
    "$scratch" "$fuzz_dir/corpus/$target" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  summary+=("$(printf '%-18s %10s exec/s %14s executions' "$target" "${rate:-?}" "${runs:-?}")")
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    echo "fuzz_$target FAILED (exit $status); its log, $log, ends:" >&2
    tail -n 40 "$log" >&2
  fi
done

printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -ne 0 ]; then
  echo "failed: ${failed[*]} (inputs in $build/fuzz-artifacts/)" >&2
  exit 1
fi
