# Sourced by the cluster scripts here (up.sh, nodes-up.sh and the rest): the slurm.conf lines
# both clusters share, and how to tell a daemon we started from any other process: by the PID it
# recorded, never by name, so another cluster on the machine survives our scripts. The caller
# sets $state, the folder holding NAME.pid files.

# No cgroups or accounting in a container: track processes through /proc, count only CPUs, and
# config_overrides so slurmd announces the CPUs slurm.conf gives instead of what it detects (else
# the node drains). EnforcePartLimits=ALL: a job asking more CPUs than there are is rejected at
# submission instead of pending for ever (and hanging sbatch --wait). MpiDefault=pmix: Debian's
# Open MPI 4.1 reaches Slurm only through PMIx.
container_conf="ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
EnforcePartLimits=ALL
MpiDefault=pmix
ReturnToService=2"

# is NAME PID -> 0 if PID is a live NAME. A zombie does not count: PID 1 on this machine reaps
# late, so the parent a daemon leaves behind when it detaches lingers as a zombie for seconds.
is() {
  local comm="" stat=""
  read -r comm 2>/dev/null <"/proc/$2/comm" && [ "$comm" = "$1" ] || return 1
  read -r stat 2>/dev/null <"/proc/$2/stat" || return 1
  stat=${stat##*) }   # the field after "(comm) " is the state letter
  [ "${stat:0:1}" != Z ]
}

# ours NAME [PIDFILE] -> the PID recorded in PIDFILE (default $state/NAME.pid) if that process is
# still NAME (else the record is stale).
ours() {
  local pid=""
  read -r pid 2>/dev/null <"${2:-$state/$1.pid}" || true
  [[ "$pid" =~ ^[0-9]+$ ]] && is "$1" "$pid" && echo "$pid"
}

# stop NAME PID: TERM, then KILL if it still runs 10 s later.
stop() {
  kill -TERM "$2" 2>/dev/null || true
  for _ in $(seq 100); do is "$1" "$2" || return 0; sleep 0.1; done
  echo "slurm: $1 ($2) ignored TERM for 10 s; sending KILL" >&2
  kill -KILL "$2" 2>/dev/null || true
}
