#!/bin/bash
# Runs the README's worked example (the sh block after "<!-- readme-example -->") in a fresh
# folder with the built diffsweep first on PATH, and checks the counts its comments state.
# Usage: test_readme_example.sh SOURCE_DIR BIN_DIR
set -euo pipefail
source_dir=$1
bin_dir=$2
work=$(mktemp -d /tmp/diffsweep-readme-XXXXXX)
trap 'rm -rf "$work"' EXIT

awk '/<!-- readme-example -->/ {found = 1; next}
     found && /^```sh/ {inside = 1; next}
     inside && /^```/ {exit}
     inside {print}' "$source_dir/README.md" > "$work/example.sh"
[ -s "$work/example.sh" ] || { echo "FAILED: no example block in README.md"; exit 1; }

cd "$work"
PATH="$bin_dir:$PATH" bash -euo pipefail example.sh > out.txt 2> err.txt || {
  echo "FAILED: the example exited non-zero"; cat out.txt err.txt; exit 1; }

fail() { echo "FAILED: $1"; cat out.txt err.txt; exit 1; }
grep -q 'results: results/demo.h5  (20 points: 14 done, 6 failed' out.txt ||
  fail "first run: 14 done, 6 failed"
[ "$(grep -c 'failed: synthetic: a flaky failure' out.txt)" -ge 6 ] || fail "status lists the 6"
grep -q 'results: results/demo.h5  (20 points: 19 done, 1 failed' out.txt ||
  fail "retry: 19 done, 1 failed"
grep -q 'merged 2 files into results/demo+exponent=2.h5: 20 points, 11 done, 9 failed' out.txt ||
  fail "merge: 11 done, 9 failed"
[ "$(wc -l < demo2.csv)" -eq 21 ] || fail "export: a header and 20 rows"
status=$("$bin_dir/diffsweep" status results/demo.h5)
grep -q 'failed (attempt 2)' <<<"$status" ||
  fail "the retried point that failed again shows its attempt"
echo "the README's worked example runs and gives the counts it states"
