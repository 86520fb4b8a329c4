#!/usr/bin/env bash
# The results store at scale: a synthetic sweep whose points do almost nothing but return one
# metric and a 10-value series, so what is measured is the runner. For each size, in one process
# and under mpirun -n 3: wall time, the points' own time (sum of wall_seconds), so the runner's
# overhead; peak memory of every rank; results file and journal bytes per point; and the time
# to "resume" the finished sweep (which must write nothing).
# Usage: bench/store_scale.sh [SIZES...] (default 1000 10000 100000 1000000). Quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(pwd)/build/bin/diffsweep
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root=()
[ "$(id -u)" = 0 ] && root=(--allow-run-as-root)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000 1000000)
py=/usr/bin/python3
printf '%-9s %-10s %8s %9s %9s %10s %12s %10s %10s %9s\n' points mode wall_s points_s \
  overhead_us rss_MB "worker_MB" file_B/pt jrnl_B/pt resume_s
for n in "${sizes[@]}"; do
  side=$($py -c "import math; print(math.isqrt($n))")
  printf '[sweep]\nexperiment = synthetic\nseed = 1\n[axes]\nx = linspace(1, 2, %d)\ny = linspace(1, 2, %d)\n' \
    "$side" "$side" > "$scratch/s.ini"
  points=$((side * side))
  for mode in single mpi3; do
    out="$scratch/$mode-$n.h5"
    if [ $mode = single ]; then
      cmd=(/usr/bin/time -f "rss %M" "$bin" "$scratch/s.ini" -o "$out" -q)
    else
      cmd=(mpirun "${root[@]}" --oversubscribe -n 3 /usr/bin/time -f "rss %M" "$bin" "$scratch/s.ini" -o "$out" -q)
    fi
    start=$(date +%s.%N)
    "${cmd[@]}" > /dev/null 2> "$scratch/err"
    end=$(date +%s.%N)
    rss=$(grep -o 'rss [0-9]*' "$scratch/err" | awk '{print $2}' | sort -n)
    top=$(echo "$rss" | tail -1)
    workers=$(echo "$rss" | head -n -1 | tr '\n' '/' | sed 's#/$##')
    [ $mode = single ] && workers=-
    rstart=$(date +%s.%N)
    "$bin" "$scratch/s.ini" -o "$out" -q > /dev/null 2>&1
    rend=$(date +%s.%N)
    $py - "$out" "$points" "$start" "$end" "$rstart" "$rend" "$top" "$workers" "$mode" <<'PY'
import h5py, os, sys
out, points, start, end, rstart, rend, top, workers, mode = sys.argv[1:]
points = int(points)
with h5py.File(out, "r") as f:
    own = float(f["points"]["wall_seconds"][()].sum())
    assert f.attrs["n_done"] == points
wall = float(end) - float(start)
mb = lambda kb: "%.0f" % (int(kb) / 1024)
w = "/".join(mb(k) for k in workers.split("/")) if workers != "-" else "-"
print("%-9d %-10s %8.2f %9.2f %9.2f %10s %12s %10.0f %10.0f %9.2f" % (
    points, mode, wall, own, 1e6 * (wall - own) / points, mb(top), w,
    os.path.getsize(out) / points, os.path.getsize(out + ".journal") / points,
    float(rend) - float(rstart)))
PY
  done
done
