#!/usr/bin/env bash
# Stops the two-node cluster that nodes-up.sh started: its jobs, every process left on its nodes
# (found by the nodes' namespaces, which only nodes-up.sh made), then slurmctld and munged by the
# PIDs they recorded. Keeps the state folder (logs) for a post-mortem. Exits 0 when nothing of
# ours is running.
set -euo pipefail
state=${DIFFSWEEP_SLURM_NODES_STATE:-/run/diffsweep-slurm-nodes}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/kit.sh"
export SLURM_CONF=$state/slurm.conf

if ours slurmctld >/dev/null; then
  jobs=$(squeue -h -o %i 2>/dev/null) || true
  if [ -n "$jobs" ]; then
    scancel $jobs 2>/dev/null || true
    for _ in $(seq 50); do [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.2; done
  fi
fi
# A slurmstepd outlives its slurmd and would keep a job's ranks running: the whole node goes.
for k in 1 2; do
  pids=$("$here/nodes-pids.sh" "$k")
  [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
  rm -f "$state/slurmd.node$k.pid"
done
for name in slurmctld munged; do
  if pid=$(ours "$name"); then stop "$name" "$pid"; fi
  rm -f "$state/$name.pid"
done
sed -i '/# diffsweep-slurm-node$/d' /etc/hosts
echo "slurm nodes down"
