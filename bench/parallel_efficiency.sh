#!/usr/bin/env bash
# Parallel efficiency: the same feature-learning sweep (bench/fl_parallel.ini, 40 points) in one
# process and with mpirun -n 3 (a coordinator and 2 workers on 2 cores), timed in one run.
# The ideal speed-up is the number of workers; 1.8x or better is the target. Run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/runner/diffsweep
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root=()
[ "$(id -u)" = 0 ] && root=(--allow-run-as-root)
now() { date +%s.%N; }
t0=$(now)
"$bin" bench/fl_parallel.ini -o "$scratch/one.h5" -q >/dev/null
t1=$(now)
mpirun "${root[@]}" --oversubscribe -n 3 "$bin" bench/fl_parallel.ini -o "$scratch/three.h5" -q >/dev/null
t2=$(now)
/usr/bin/python3 - "$t0" "$t1" "$t2" "$scratch" <<'PY'
import sys, h5py, numpy as np
t0, t1, t2 = map(float, sys.argv[1:4])
one = h5py.File(sys.argv[4] + "/one.h5", "r")
three = h5py.File(sys.argv[4] + "/three.h5", "r")
same = all(np.array_equal(one["points"][k][()], three["points"][k][()], equal_nan=True)
           for k in ("S", "N", "R", "steps"))
work = one["points"]["wall_seconds"][()].sum()
print(f"40 feature-learning points: {work:.1f} s of point work")
print(f"single process   {t1 - t0:6.1f} s")
print(f"mpirun -n 3      {t2 - t1:6.1f} s   speed-up {(t1 - t0) / (t2 - t1):.2f}x with 2 workers"
      f"   coordinator CPU {three.attrs['writer_cpu_seconds']:.2f} s   results identical: {same}")
PY
