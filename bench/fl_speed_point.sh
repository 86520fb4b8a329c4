#!/usr/bin/env bash
# The feature-learning speed point through the runner: one diffusion point at d = 1000, m = 32,
# n = 64, n_eps = 8 (gradient descent, default settings otherwise, ITERS steps), then
# bench_feature_learning's bare step at the same shape, back to back in one command so the
# machine's load is the same for both. Reports the runner's time per accepted step and per loss
# evaluation (rejected line-search trials and the every-log_every alignment measurements
# included) against the bare step's time.
# Usage: bench/fl_speed_point.sh [ITERS] (default 3000). Run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
iters=${1:-3000}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf '[sweep]\nexperiment = feature_learning\nname = speed_point\nseed = 1\n[fixed]\nmodel = diffusion\nd = 1000\nm = 32\nn = 64\nn_eps = 8\nnsnr2 = 1\niters = %d\n' \
  "$iters" > "$scratch/point.ini"
# Three alternating rounds; the fastest of each side is compared, which is what a shared machine's
# noise (15% between back-to-back bench runs here) leaves least disturbed.
for round in 1 2 3; do
  rm -f "$scratch"/point.h5*
  build/bin/diffsweep "$scratch/point.ini" -o "$scratch/point.h5" -q >/dev/null
  /usr/bin/python3 -c "import h5py; p = h5py.File('$scratch/point.h5', 'r')['points']; print(p['status'][0].decode(), int(p['converged'][0]), p['R'][0], int(p['steps'][0]), int(p['evaluations'][0]), p['wall_seconds'][0])" >>"$scratch/runner.txt"
  build/bench/bench_feature_learning 1000 32 64 8 3 | grep -o '[0-9.]* ms/step' | cut -d' ' -f1 >>"$scratch/bare.txt"
done
/usr/bin/python3 - "$scratch/runner.txt" "$scratch/bare.txt" <<'PY'
import sys
runs = [line.split() for line in open(sys.argv[1])]
bare = min(float(line) for line in open(sys.argv[2]))
status, converged, r, steps, evals, _ = runs[0]
wall = min(float(run[5]) for run in runs)
steps, evals = int(steps), int(evals)
print(f"runner point: status {status}, converged {converged}, R {float(r):.4g}, {steps} steps, "
      f"{evals} evaluations; fastest of 3: {wall:.2f} s")
print(f"  {1e3 * wall / steps:.3f} ms/step, {1e3 * wall / evals:.3f} ms/evaluation")
print(f"bench_feature_learning bare step, fastest of 3: {bare:.3f} ms")
print(f"runner per step / bare step: {wall / steps * 1e3 / bare:.3f}; "
      f"per evaluation / bare step: {wall / evals * 1e3 / bare:.3f}")
PY
