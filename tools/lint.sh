#!/usr/bin/env bash
# make lint: clang-tidy (.clang-tidy) on every source of firmware_core/, sim/ and bench/ that the
# build compiles, each file once, in parallel. Fails on any finding.
set -euo pipefail
build_dir="${1:-build}"
jobs="${JOBS:-$(nproc)}"
cd "$(dirname "$0")/.."
[ -f "$build_dir/compile_commands.json" ] || { echo "lint: no $build_dir/compile_commands.json: run make build first" >&2; exit 2; }
/usr/bin/python3 - "$build_dir/compile_commands.json" <<'PY' | xargs -0 -P "$jobs" -n 4 clang-tidy -p "$build_dir" --quiet 2>/dev/null >"$build_dir/lint.log" || true
import json, os, re, sys
root = os.getcwd() + "/"
files = sorted({e["file"] for e in json.load(open(sys.argv[1])) if re.match(re.escape(root) + r"(firmware_core|sim|bench)/", e["file"])})
sys.stdout.write("\0".join(files))
PY
findings=$(grep -cE '(warning|error): ' "$build_dir/lint.log" || true)
if [ "$findings" -gt 0 ]; then
  grep -E '(warning|error): ' "$build_dir/lint.log" | sort -u >&2
  echo "lint: $findings finding(s); the whole report is $build_dir/lint.log" >&2
  exit 1
fi
echo "lint: clean"
