#!/usr/bin/env bash
# Runs one test command of `make test SAN=1` with the sanitizers' options, then fails if any process
# it started (tests, hilbench children, the Python interpreter) wrote a sanitizer report.
#
#   tools/sanitizers/run.sh [--python] <build dir> <command...>
#
# Reports go to files in <build dir>/sanitizer-reports/ (log_path), not to stderr: a child's stderr
# that no test reads cannot hide one. With --python the command is a Python interpreter, replaced by
# the same CPython linked with the ASan runtime (python_asan.c, built into <build dir>/bin): the
# runtime must be loaded before the sanitized extension module, and sys.executable then starts the
# same interpreter for the tests' Python children while no other child inherits an LD_PRELOAD.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python=""
if [ "${1:-}" = "--python" ]; then
  python=1
  shift
fi
build="$(cd "$1" && pwd)"
reports="$build/sanitizer-reports"
shift
if [ -n "$python" ]; then
  interpreter="$1"
  shift
  launcher="$build/bin/python3-asan"
  if [ ! -x "$launcher" ] || [ "$here/python_asan.c" -nt "$launcher" ]; then
    read -r include libdir version < <("$interpreter" -c 'import sysconfig as s
print(s.get_paths()["include"], s.get_config_var("LIBDIR"), s.get_config_var("LDVERSION"))')
    mkdir -p "$build/bin"
    gcc -O1 -fsanitize=address,undefined -I"$include" "$here/python_asan.c" -o "$launcher" \
      -L"$libdir" -lpython"$version" || exit 1
  fi
  set -- "$launcher" "$@"
fi
rm -rf "$reports"
mkdir -p "$reports"

# Named for the few tests that pin a latency the sanitized processes cannot keep.
export HILBENCH_SANITIZERS="address,undefined"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:check_initialization_order=1:log_path=$reports/asan"
export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$reports/ubsan"

"$@"
status=$?

mapfile -t found < <(find "$reports" -type f | sort)
if [ ${#found[@]} -gt 0 ]; then
  for f in "${found[@]}"; do
    echo "=== sanitizer report: $f" >&2
    head -n 80 "$f" | cut -c1-300 >&2
  done
  echo "sanitizers: ${#found[@]} report(s) in $reports" >&2
  exit 1
fi
exit $status
