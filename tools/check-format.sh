#!/usr/bin/env bash
# Fails when a C++ file differs from .clang-format; `tools/check-format.sh --fix` rewrites them.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.cpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
differ=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || differ+=("$f")
done
[ ${#differ[@]} -eq 0 ] && exit 0
echo "format: ${#differ[@]} file(s) differ from .clang-format:" >&2
printf '  %s\n' "${differ[@]}" >&2
echo "fix them with: make format" >&2
exit 1
