#!/usr/bin/env bash
# Fails, naming the files, when a C++ file of the project is not formatted as .clang-format says
# (Debian's clang-format, installed by setup.sh). Usage: check_format.sh SOURCE_DIR
set -euo pipefail
cd "$1"
mapfile -t files < <(find src runner results_io analysis tests bench -name '*.cpp' -o -name '*.hpp' | sort)
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/diffsweep-format.$$; then
  grep -o '^[^:]*:[0-9]*:[0-9]*: error' /tmp/diffsweep-format.$$ | cut -d: -f1 | sort -u |
    sed 's/^/not formatted: /'
  echo "run: clang-format -i <file>"
  rm -f /tmp/diffsweep-format.$$
  exit 1
fi
rm -f /tmp/diffsweep-format.$$
echo "formatted: ${#files[@]} files"
