#!/usr/bin/env bash
# nodes-pids.sh K: the PIDs of every process on nodeK of the cluster nodes-up.sh started (those
# in the UTS namespace of its slurmd: slurmd, the slurmstepds and the job's tasks), one a line.
# Nothing when its slurmd is not running. Killing them all is a node dying (nodes-down.sh does).
set -euo pipefail
state=${DIFFSWEEP_SLURM_NODES_STATE:-/run/diffsweep-slurm-nodes}
source "$(cd "$(dirname "$0")" && pwd)/kit.sh"
slurmd=$(ours slurmd "$state/slurmd.node${1:?usage: nodes-pids.sh K}.pid") || exit 0
ns=$(readlink "/proc/$slurmd/ns/uts")
for p in /proc/[0-9]*; do
  [ "$(readlink "$p/ns/uts" 2>/dev/null)" = "$ns" ] && echo "${p#/proc/}"
done
exit 0
