#!/usr/bin/env bash
# diffsweep-analyze at scale, against the run that made its input: a synthetic sweep of C curves
# (axis y) of V values of x each (value = y x^1.5 e^(0.2 z)), 4 replicates, C = V, for 10^3 to
# 10^6 points. For each size: wall time and peak RSS (/usr/bin/time -v) of the run (one process)
# and of the analysis without figures (--no-plots) and with them, and the analysis's time as a
# multiple of the run's.
# Usage: bench/analysis_scale.sh [SIZES...] (default 1000 10000 100000 1000000). Quiet machine.
# DIFFSWEEP_BIN=DIR runs the programs in DIR (another build, to compare) instead of build/bin.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${DIFFSWEEP_BIN:-$(pwd)/build/bin}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000 1000000)

# Runs a command under /usr/bin/time -v; prints "WALL_S RSS_MB".
measure() {
  /usr/bin/time -v "$@" > /dev/null 2> "$scratch/time" || { cat "$scratch/time" >&2; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
                                         for (i = 1; i <= n; ++i) s = s * 60 + t[i]; wall = s }
              /Maximum resident set size/ { rss = $2 / 1024 }
              END { printf "%.2f %.0f\n", wall, rss }' "$scratch/time"
}

printf '%-9s %7s %7s %8s %8s %8s %8s %8s %8s %7s\n' points curves run_s run_MB \
  nofig_s nofig_x nofig_MB fig_s fig_x fig_MB
for n in "${sizes[@]}"; do
  side=$(python3 -c "import math; print(max(2, round(math.sqrt($n / 4))))")
  printf '[sweep]\nexperiment = synthetic\nseed = 1\nreplicates = 4\n[fixed]\nexponent = 1.5\nnoise = 0.2\n[axes]\nx = logspace(0.1, 10, %d)\ny = linspace(0.5, 2, %d)\n' \
    "$side" "$side" > "$scratch/s.ini"
  out="$scratch/s$n.h5"
  read -r run_s run_mb < <(measure "$bin/diffsweep" "$scratch/s.ini" -o "$out" -q)
  read -r nofig_s nofig_mb < <(measure "$bin/diffsweep-analyze" "$out" -o "$scratch/r$n" --no-plots)
  read -r fig_s fig_mb < <(measure "$bin/diffsweep-analyze" "$out" -o "$scratch/f$n")
  awk -v p=$((side * side * 4)) -v c="$side" -v r="$run_s" -v rm="$run_mb" -v a="$nofig_s" \
    -v am="$nofig_mb" -v f="$fig_s" -v fm="$fig_mb" 'BEGIN {
      printf "%-9d %7d %7.2f %8.0f %8.2f %7.1fx %8.0f %8.2f %7.1fx %7.0f\n",
        p, c, r, rm, a, a / r, am, f, f / r, fm }'
  rm -rf "$out"* "$scratch/r$n" "$scratch/f$n"
done
