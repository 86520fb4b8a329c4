#!/usr/bin/env bash
# Two simulated nodes against one: the same feature-learning sweep with mpirun -n 3 (a coordinator
# and 2 workers on 2 cores), once with every rank on this host (shared memory between ranks) and
# once spread over two simulated nodes (tests/e2e/multinode/up.sh: rank 0 and rank 2 on node1,
# rank 1 on node2, TCP between the nodes). Runs alternate, each setting twice; results compared
# column by column (all but who ran a point, where, and for how long).
# Usage: bench/two_nodes.sh [SWEEP.ini] (default bench/fl_parallel.ini). Needs root; run on a
# quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/build/bin/diffsweep
sweep=${1:-bench/fl_parallel.ini}
scratch=$(mktemp -d)
nodes=$(tests/e2e/multinode/up.sh 2 openmpi)
trap 'rm -rf "$scratch"; tests/e2e/multinode/down.sh' EXIT
now() { date +%s.%N; }
times=()
for round in 1 2; do
  for where in one two; do
    flags=()
    [ "$where" = two ] && read -r -a flags <<<"$nodes"
    t0=$(now)
    mpirun --allow-run-as-root --oversubscribe "${flags[@]}" -n 3 "$bin" "$sweep" \
      -o "$scratch/$where-$round.h5" -q >/dev/null
    times+=("$where $(awk "BEGIN { print $(now) - $t0 }")")
  done
done
/usr/bin/python3 - "$scratch" "$sweep" "${times[@]}" <<'PY'
import sys, h5py, numpy as np
scratch, sweep, runs = sys.argv[1], sys.argv[2], [r.split() for r in sys.argv[3:]]
skip = {"host", "worker", "wall_seconds"}
ref = h5py.File(f"{scratch}/one-1.h5", "r")["points"]
same = True
for where in ("one", "two"):
    for k in (1, 2):
        p = h5py.File(f"{scratch}/{where}-{k}.h5", "r")["points"]
        same &= all(np.array_equal(ref[c][()], p[c][()], equal_nan=(ref[c].dtype.kind == "f"))
                    for c in ref if c not in skip)
two = h5py.File(f"{scratch}/two-1.h5", "r")
hosts = sorted(set(h.decode() for h in two["points"]["host"][()]))
wall = {w: [float(t) for x, t in runs if x == w] for w in ("one", "two")}
print(f"{sweep}: {len(ref['R'])} points; two-node run's points ran on {', '.join(hosts)}"
      f" (rank hosts {two.attrs['rank_hosts'].decode() if isinstance(two.attrs['rank_hosts'], bytes) else two.attrs['rank_hosts']})")
print(f"  one node : {' '.join(f'{t:.1f}' for t in wall['one'])} s")
print(f"  two nodes: {' '.join(f'{t:.1f}' for t in wall['two'])} s")
ratio = np.median(wall["two"]) / np.median(wall["one"])
print(f"  two nodes / one node (medians): {ratio:.3f}; results identical: {same}")
PY
