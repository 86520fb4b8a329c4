#!/usr/bin/env bash
# Runs diffsweep on a real two-node Slurm cluster (tests/e2e/slurm/nodes-up.sh: two slurmds, each
# its own hostname and /tmp, TCP between them): srun -N2 -n4 gives every column of a single
# process's results with points on both nodes; then a node dies under runner/slurm/diffsweep.sbatch
# (every process of node2 killed while its ranks run points): rank 0 takes its ranks as lost and
# gives their points to node1, names them and exits 4, or Slurm ends and requeues the job first
# and the requeued job completes the sweep; either way every point runs exactly once.
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
# its ranks run points. The points of x > 6 wait for a file "go.HOST" (leaving a mark
# "held.HOST.X" first), so the kill always finds node2 holding points and the sweep unfinished,
# however slow the machine; node1's go comes once node2 holds some. SIGTERM is ignored there:
# what a stop does to a point that outlives the grace, not a point failed by a dying program.
cat >gate.py <<'PY'
import json, os, signal, socket, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
host = socket.gethostname()
print(json.dumps({"protocol": "diffsweep-external-1", "summary": "waits for ./go.HOST",
                  "params": [{"name": "x", "type": "integer", "default": 1, "min": 1, "max": 100}],
                  "metrics": [{"name": "value"}]}), flush=True)
for line in sys.stdin:
    x = json.loads(line)["params"]["x"]
    if x > 6:
        open(f"held.{host}.{x}", "w").close()
        while not os.path.exists(f"go.{host}"):
            time.sleep(0.1)
    print(json.dumps({"metrics": {"value": x}}), flush=True)
PY
printf '[sweep]\nexperiment = external\ncommand = /usr/bin/python3 gate.py\nseed = 4\n[axes]\nx = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20\n' >gated.ini
job=$(DIFFSWEEP_STOP_GRACE=5 sbatch --parsable --nodes=2 --ntasks=4 --output=gated-%j.log \
  "$source_dir/runner/slurm/diffsweep.sbatch" gated.ini gated.h5 -q --lost-after 3)
held_on_node2() { compgen -G 'held.node2.*' >/dev/null; }
until_true 120 held_on_node2 || { cat gated-*.log; fail "no point ran on node2"; }
# A node dies at once: every process of node2 is stopped before any is killed, or a rank could
# see its program killed first and record the point as failed.
node2=$("$kit/nodes-pids.sh" 2)
kill -STOP $node2
kill -KILL $node2
touch go.node1
# Rank 0 hears nothing from node2's ranks for 3 s (--lost-after), takes them as lost and gives
# their points to rank 1 on node1; it names them at the end and exits 4. Slurm marks node2 down
# after SlurmdTimeout (10 s here) and ends the job (NODE_FAIL), before or after rank 0 is done;
# a job it ended is requeued (--requeue) and resumes once node2 is back.
over_or_requeued() { ended "$job" || requeued "$job"; }
until_true 180 over_or_requeued || { cat gated-*.log; scontrol show job "$job"; fail "job $job neither ended nor was requeued after node2 died"; }
grep -Eq "diffsweep: rank [23] has sent nothing for [0-9]+ s .*taken as lost with its node; its [0-9]+ points? go" gated-*.log ||
  { cat gated-*.log; fail "rank 0 did not take node2's ranks as lost"; }
grep -Eq "diffsweep: lost workers: ranks? [23] \(node2\)(, 3 \(node2\))? sent nothing for 3 s" gated-*.log ||
  { cat gated-*.log; fail "rank 0 did not end naming the lost ranks"; }
first=$(count done gated.h5)
[ "$(count running gated.h5)" = 0 ] || fail "points left running when node2 died"
if requeued "$job"; then
  touch go.node2
  "$kit/nodes-up.sh" 2 >/dev/null
  release "$job"
  until_true 180 ended "$job" || { cat gated-*.log; fail "the requeued job did not end"; }
  grep -q "resuming gated.h5: $first of 20" gated-*.log || { cat gated-*.log; fail "the requeued job did not resume"; }
  [ "$(job_field "$job" ExitCode)" = 0:0 ] || { cat gated-*.log; fail "requeued job ended with $(job_field "$job" ExitCode)"; }
  how="Slurm requeued the job, which resumed"
else
  [ "$(job_field "$job" ExitCode)" = 4:0 ] || { cat gated-*.log; fail "job ended with $(job_field "$job" ExitCode), not diffsweep's 4 (lost workers)"; }
  how="the job ended 4 (lost workers)"
fi
[ "$(done_once gated.h5)" = 20 ] || fail "$(done_once gated.h5) of 20 points done exactly once"
echo "slurm nodes: srun -N2 -n4 equal to one process, points on node1 and node2; node2 killed while holding points, rank 0 took its ranks as lost after 3 s ($first of 20 points done at the end of that run); $how; every point done exactly once"
