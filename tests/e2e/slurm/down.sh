#!/usr/bin/env bash
# Stops the one-node Slurm cluster that tests/e2e/slurm/up.sh started: only the daemons whose PIDs
# it recorded in $DIFFSWEEP_SLURM_STATE (default /tmp/diffsweep-slurm), by PID, never by name, so
# another cluster on the machine survives. Restores nothing else: slurm.conf and the state dir
# (logs) stay for a post-mortem. Exits 0 when nothing of ours is running.
set -euo pipefail

state=${DIFFSWEEP_SLURM_STATE:-/tmp/diffsweep-slurm}

here=$(cd "$(dirname "$0")" && pwd)
source "$here/kit.sh"

# Jobs first, while our slurmctld still answers: a slurmstepd outlives slurmd and would keep its
# MPI ranks running.
if ours slurmctld >/dev/null; then
  jobs=$(squeue -h -o %i 2>/dev/null) || true
  if [ -n "$jobs" ]; then
    scancel $jobs 2>/dev/null || true
    for _ in $(seq 50); do [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.2; done
  fi
fi

# One at a time, slurmd first, munged last (the Slurm daemons may still talk through it while they
# shut down). A daemon counts as stopped once it is a zombie: PID 1 here reaps it only seconds later.
stopped=()
for name in slurmd slurmctld munged; do
  if pid=$(ours "$name"); then
    stop "$name" "$pid"
    stopped+=("$name $pid")
  fi
  rm -f "$state/$name.pid"
done
if ((${#stopped[@]})); then
  printf -v list '%s, ' "${stopped[@]}"
  echo "slurm down: stopped ${list%, }"
else
  echo "slurm down: nothing of ours was running"
fi
