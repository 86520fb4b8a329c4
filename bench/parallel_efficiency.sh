#!/usr/bin/env bash
# Parallel efficiency: feature-learning sweeps in one process and with mpirun -n 3 (a coordinator
# and 2 workers on 2 cores), timed in one run, results compared. The ideal speed-up is 2.
# As a control, two independent single processes run the sweep at once: their speed-up is what
# the machine itself allows (memory bandwidth), whatever the runner does.
# Usage: bench/parallel_efficiency.sh [SWEEP.ini ...] (default: both bench/fl_parallel*.ini).
# Run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/diffsweep
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root=()
[ "$(id -u)" = 0 ] && root=(--allow-run-as-root)
now() { date +%s.%N; }
sweeps=("$@")
[ ${#sweeps[@]} -gt 0 ] || sweeps=(bench/fl_parallel.ini bench/fl_parallel_large.ini)
for sweep in "${sweeps[@]}"; do
  out="$scratch/$(basename "$sweep" .ini)"
  mkdir -p "$out"
  t0=$(now)
  "$bin" "$sweep" -o "$out/one.h5" -q >/dev/null
  t1=$(now)
  mpirun "${root[@]}" --oversubscribe -n 3 "$bin" "$sweep" -o "$out/three.h5" -q >/dev/null
  t2=$(now)
  "$bin" "$sweep" -o "$out/pair_a.h5" -q >/dev/null &
  "$bin" "$sweep" -o "$out/pair_b.h5" -q >/dev/null
  wait
  t3=$(now)
  /usr/bin/python3 - "$sweep" "$t0" "$t1" "$t2" "$t3" "$out" <<'PY'
import sys, h5py, numpy as np
sweep = sys.argv[1]
t0, t1, t2, t3 = map(float, sys.argv[2:6])
one = h5py.File(sys.argv[6] + "/one.h5", "r")
three = h5py.File(sys.argv[6] + "/three.h5", "r")
same = all(np.array_equal(one["points"][k][()], three["points"][k][()], equal_nan=True)
           for k in ("S", "N", "R", "steps"))
n = len(one["points"]["R"])
one_s, three_s, pair_s = t1 - t0, t2 - t1, t3 - t2
print(f"{sweep}: {n} points, {one['points']['wall_seconds'][()].sum():.1f} s of point work")
print(f"  single process {one_s:6.1f} s | mpirun -n 3 {three_s:6.1f} s: speed-up {one_s / three_s:.2f}x"
      f" (coordinator CPU {three.attrs['writer_cpu_seconds']:.2f} s, results identical: {same})"
      f" | control, 2 independent processes: {2 * one_s / pair_s:.2f}x")
PY
done
