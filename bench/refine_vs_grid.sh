#!/usr/bin/env bash
# Adaptive placement against a dense grid, on the classifier's transition: sweeps/fl_transition.ini
# (the crossing of R = 1 per n, located to 2% by [refine]) and bench/fl_transition_grid.ini (41
# values of n snr^2 from 1 to 10 per n, independent draws), both under mpirun -n 3 (2 workers).
# Prints each run's wall time, the refine summary (with the workers' utilisation), and for each n
# the grid's crossing of R = 1 with its bootstrap interval (diffsweep-analyze) beside the
# located value. Usage: bench/refine_vs_grid.sh. Run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/build/bin
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
now() { date +%s.%N; }
launch=(mpirun --allow-run-as-root --oversubscribe -n 3)
t0=$(now)
"${launch[@]}" "$bin/diffsweep" sweeps/fl_transition.ini -o "$scratch/refine.h5" -q \
  >"$scratch/refine.txt"
echo "refine: $(awk "BEGIN { printf \"%.1f\", $(now) - $t0 }") s"
grep -v "^results:" "$scratch/refine.txt"
for n in 32 64 128; do
  t0=$(now)
  "${launch[@]}" "$bin/diffsweep" bench/fl_transition_grid.ini n=$n -o "$scratch/grid-$n.h5" -q \
    >/dev/null
  seconds=$(awk "BEGIN { printf \"%.1f\", $(now) - $t0 }")
  crossing=$("$bin/diffsweep-analyze" "$scratch/grid-$n.h5" -o "$scratch/report-$n" --no-plots |
    grep -o "R crosses 1 at n\*SNR^2 = [^ ]* \[[^]]*\]")
  echo "grid n=$n (369 points, $seconds s): $crossing"
done
