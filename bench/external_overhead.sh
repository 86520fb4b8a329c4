#!/usr/bin/env bash
# The external protocol's cost: empty points through an external program (bench/empty_external.cpp,
# which answers at once, and bench/empty_external.py, the same in Python reading and writing JSON)
# against the built-in synthetic experiment's empty points, in one process and under mpirun -n 3.
# Reports points/s over the whole command and during the run (the progress line), the CPU time
# of all its processes per point (start-up included), and how many programs were started
# (distinct process ids in the results: one per rank that ran points).
# Usage: bench/external_overhead.sh [POINTS] (default 40000). Run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
points=${1:-40000}
bin=$PWD/build/bin/diffsweep
source bench/timed_sweep.sh
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
side=$(/usr/bin/python3 -c "import math; print(math.isqrt($points))")
axes=$(printf '[axes]\nx = linspace(1, %d, %d)\ny = linspace(1, %d, %d)\n' "$side" "$side" "$side" "$side")
printf '[sweep]\nexperiment = synthetic\nseed = 1\n%s\n' "$axes" > "$scratch/synthetic.ini"
printf '[sweep]\nexperiment = external\ncommand = %s\nseed = 1\n%s\n' \
  "$PWD/build/bench/bench_empty_external" "$axes" > "$scratch/external_cpp.ini"
printf '[sweep]\nexperiment = external\ncommand = /usr/bin/python3 %s\nseed = 1\n%s\n' \
  "$PWD/bench/empty_external.py" "$axes" > "$scratch/external_py.ini"
echo "external overhead, $((side * side)) empty points, $(nproc) cores"
for sweep in synthetic external_cpp external_py; do
  for n in 1 3; do
    out="$scratch/$sweep-$n.h5"
    timed_sweep "$n" "$scratch/$sweep.ini" "$out" "$scratch/err"
    programs=$(/usr/bin/python3 -c "import h5py; p = h5py.File('$out', 'r')['points']; \
print(len(set(p['pid'][()])) if 'pid' in p else '-')")
    printf '%-13s %-14s run %-20s whole command %7.0f points/s, CPU %5.1f us/point  programs %s\n' \
      "$sweep" "$([ "$n" = 1 ] && echo "one process" || echo "mpirun -n $n")" "$rate" \
      "$(/usr/bin/python3 -c "print($side * $side / $seconds)")" \
      "$(/usr/bin/python3 -c "print(1e6 * $cpu / ($side * $side))")" "$programs"
  done
done
