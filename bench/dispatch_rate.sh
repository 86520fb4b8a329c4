#!/usr/bin/env bash
# Dispatch rate: synthetic points that do no work, through the MPI coordinator, persisted like any
# result (journal + HDF5 snapshots). Reports points/s during the run (the runner's own final
# progress line: from the first point to the last, snapshots included) and over the whole command
# (MPI start-up and the final snapshot included), and the coordinator's CPU seconds; then the
# same number of points through a bare MPI request/reply loop that keeps nothing
# (bench/bare_dispatch.cpp), the reference to compare with in the same run.
# Usage: bench/dispatch_rate.sh [POINTS] (default 100000). Run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
points=${1:-100000}
bin=build/bin/diffsweep
source bench/timed_sweep.sh
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
side=$(/usr/bin/python3 -c "import math; print(math.isqrt($points))")
printf '[sweep]\nexperiment = synthetic\nseed = 1\n[axes]\nx = linspace(1, %d, %d)\ny = linspace(1, %d, %d)\n' \
  "$side" "$side" "$side" "$side" > "$scratch/dispatch.ini"
root=()
[ "$(id -u)" = 0 ] && root=(--allow-run-as-root)
echo "dispatch rate, $((side * side)) empty synthetic points, $(nproc) cores"
for n in 1 2 3; do
  timed_sweep "$n" "$scratch/dispatch.ini" "$scratch/n$n.h5" "$scratch/err"
  cpu=$(/usr/bin/python3 -c "import h5py; print('%.2f' % h5py.File('$scratch/n$n.h5','r').attrs['writer_cpu_seconds'])")
  label=$([ "$n" = 1 ] && echo "single process" || echo "mpirun -n $n ($((n - 1)) workers)")
  printf '%-28s run %-22s whole command %8.0f points/s  writer CPU %s s\n' "$label" "$rate" \
    "$(/usr/bin/python3 -c "print($side * $side / $seconds)")" "$cpu"
done
for n in 2 3; do
  mpirun "${root[@]}" --oversubscribe -n "$n" build/bench/bench_bare_dispatch "$((side * side))"
done
