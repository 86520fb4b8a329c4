#!/usr/bin/env bash
# Runs diffsweep on a real two-node Slurm cluster (tests/e2e/slurm/nodes-up.sh: two slurmds, each
# its own hostname and /tmp, TCP between them): srun -N2 -n4 gives every column of a single
# process's results with points on both nodes; then a node dies under runner/slurm/diffsweep.sbatch
# (every process of node2 killed while its ranks run points), Slurm ends and requeues the job by
# itself, and once the node is back the requeued job completes the sweep, every point run exactly
# once.
# Usage: test_slurm_nodes.sh SOURCE_DIR DIFFSWEEP_BINARY SCRATCH_DIR (outside /tmp: each node has
# its own /tmp). Exit 77 (skipped) when not root, Slurm is not installed, or no namespaces.
set -euo pipefail
source_dir=$1 binary=$2 scratch=$3
kit="$source_dir/tests/e2e/slurm"
[ "$(id -u)" = 0 ] || { echo "skipped: needs root (Slurm's daemons, namespaces)"; exit 77; }
# What a killed earlier run left up goes first (nothing to do otherwise).
"$kit/nodes-down.sh" >/dev/null
status=0
conf=$("$kit/nodes-up.sh") || status=$?
[ "$status" = 77 ] && { echo "skipped: a two-node Slurm cluster cannot run here (see above)"; exit 77; }
[ "$status" = 0 ] || exit "$status"
trap '"$kit/nodes-down.sh" >/dev/null 2>&1 || true' EXIT
# Open MPI leaves the loopback interface out of its TCP transport unless told: it is the only
# network between these nodes. srun passes the environment to every task.
export SLURM_CONF=$conf OMPI_MCA_btl_tcp_if_include=lo DIFFSWEEP=$binary
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$kit/checks.sh"
fail() { echo "FAILED: $*"; exit 1; }

# The feature-learning quick sweep, one replicate: real math, 14 points.
cp "$source_dir/sweeps/quick.ini" quick.ini
srun -N2 -n4 --mpi=pmix "$binary" quick.ini sweep.replicates=1 -o two.h5 -q >two.log 2>&1 ||
  { cat two.log; fail "srun -N2 -n4 exited $?"; }
"$binary" quick.ini sweep.replicates=1 -o one.h5 -q >/dev/null
"$kit/same_results.py" one.h5 two.h5 || fail "two nodes differ from a single process"
[ "$(hosts two.h5)" = node1,node2 ] || fail "points ran on '$(hosts two.h5)', not on node1 and node2"

# A node dies mid-sweep: every process of node2 (slurmd, slurmstepd, ranks 2 and 3) killed while
# its ranks run points. The points of x > 6 wait for a file "go" (leaving a mark "held.HOST.X"
# first), so the kill always finds them running and the sweep unfinished, however slow the
# machine. SIGTERM is ignored there: what a stop does to a point that outlives the grace, not a
# point failed by a dying experiment program.
cat >gate.py <<'PY'
import json, os, signal, socket, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
print(json.dumps({"protocol": "diffsweep-external-1", "summary": "waits for ./go",
                  "params": [{"name": "x", "type": "integer", "default": 1, "min": 1, "max": 100}],
                  "metrics": [{"name": "value"}]}), flush=True)
for line in sys.stdin:
    x = json.loads(line)["params"]["x"]
    if x > 6:
        open(f"held.{socket.gethostname()}.{x}", "w").close()
        while not os.path.exists("go"):
            time.sleep(0.1)
    print(json.dumps({"metrics": {"value": x}}), flush=True)
PY
printf '[sweep]\nexperiment = external\ncommand = /usr/bin/python3 gate.py\nseed = 4\n[axes]\nx = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20\n' >gated.ini
job=$(DIFFSWEEP_STOP_GRACE=5 sbatch --parsable --nodes=2 --ntasks=4 --output=gated-%j.log \
  "$source_dir/runner/slurm/diffsweep.sbatch" gated.ini gated.h5 -q)
held_on_node2() { compgen -G 'held.node2.*' >/dev/null; }
until_true 120 held_on_node2 || { cat gated-*.log; fail "no point ran on node2"; }
kill -KILL $("$kit/nodes-pids.sh" 2)
# Slurm marks node2 down after SlurmdTimeout (10 s here), cancels the job (NODE_FAIL), lets
# rank 0 stop within its grace, and requeues the job (--requeue): pending again, restarted once.
until_true 180 requeued "$job" || { cat gated-*.log; scontrol show job "$job"; fail "job $job was not requeued after node2 died"; }
grep -q "Node failure on node2" gated-*.log || { cat gated-*.log; fail "no node failure in the log"; }
grep -q "diffsweep: interrupted" gated-*.log || { cat gated-*.log; fail "rank 0 did not stop cleanly"; }
partial=$(count done gated.h5)
[ "$partial" -le 6 ] && [ "$(count running gated.h5)" = 0 ] || fail "$partial points done, or running ones left, when node2 died"

touch go
"$kit/nodes-up.sh" 2 >/dev/null
release "$job"
until_true 180 ended "$job" || { cat gated-*.log; fail "the requeued job did not end"; }
grep -q "resuming gated.h5: $partial of 20" gated-*.log || { cat gated-*.log; fail "the requeued job did not resume"; }
[ "$(job_field "$job" ExitCode)" = 0:0 ] || { cat gated-*.log; fail "requeued job ended with $(job_field "$job" ExitCode)"; }
[ "$(done_once gated.h5)" = 20 ] || fail "$(done_once gated.h5) of 20 points done exactly once"
echo "slurm nodes: srun -N2 -n4 equal to one process, points on node1 and node2; node2 killed after $partial of 20 points, Slurm requeued the job, which finished the rest once node2 was back"
