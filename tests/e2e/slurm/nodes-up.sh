#!/usr/bin/env bash
# Starts a real two-node Slurm cluster on this machine for the end-to-end tests (Debian bookworm,
# Slurm 22.05, run as root, no systemd): slurmctld, its own munged, and one slurmd per node,
# node1 (127.0.0.2) and node2 (127.0.0.3), each in its own UTS and mount namespaces with its own
# hostname and its own /tmp, as separate machines have. Ranks on different nodes then talk over
# TCP on the loopback interface, and a node can be killed alone (nodes-kill.sh).
#
#   export SLURM_CONF=$(tests/e2e/slurm/nodes-up.sh)   # prints its slurm.conf once both are idle
#   srun -N2 -n4 hostname                               # node1 node1 node2 node2
#   tests/e2e/slurm/nodes-up.sh 2                       # starts node2 again after it was killed
#   tests/e2e/slurm/nodes-down.sh
#
# It uses its own ports, munge socket and slurm.conf (never /etc/slurm), so it runs beside the
# one-node cluster of up.sh. Everything lives in $DIFFSWEEP_SLURM_NODES_STATE (default
# /run/diffsweep-slurm-nodes: outside /tmp, which each node replaces by its own), and so must the
# files jobs share: a folder outside /tmp stands for the cluster's shared file system.
# Exit 77 when it cannot run here: not root, Slurm or munge not installed (./setup.sh installs
# them), or no namespaces.
set -euo pipefail

state=${DIFFSWEEP_SLURM_NODES_STATE:-/run/diffsweep-slurm-nodes}
conf=$state/slurm.conf
here=$(cd "$(dirname "$0")" && pwd)
source "$here/kit.sh"
skip() { echo "slurm-nodes-up: $*" >&2; exit 77; }
die() { echo "slurm-nodes-up: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || skip "must run as root (daemons, namespaces, /etc/hosts)"
for c in slurmctld slurmd munged unshare; do
  command -v "$c" >/dev/null || skip "$c is not installed (./setup.sh installs Slurm and munge)"
done
unshare --uts --mount true 2>/dev/null || skip "cannot create UTS and mount namespaces here"

# start_node K: slurmd of nodeK in new UTS and mount namespaces. A private /tmp per node: Slurm's
# PMIx plugin makes per-step folders there, and two nodes on one /tmp collide ("File exists").
# unshare makes the namespace's mounts private, so the node's /tmp stays its own. The spool
# starts empty, as on a rebooted node: a killed slurmstepd leaves its PMIx socket there, and the
# job Slurm requeues keeps its id, so its step would fail to bind the same socket name.
start_node() {
  rm -rf "$state/spool/node$1" && mkdir -p "$state/spool/node$1"
  unshare --uts --mount sh -c "set -e; hostname node$1
    mount -t tmpfs -o size=256m node$1-tmp /tmp && chmod 1777 /tmp
    exec slurmd" </dev/null >>"$state/slurmd.node$1.log" 2>&1 ||
    die "slurmd of node$1 failed to start; see $state/slurmd.node$1.log"
}
# wait_idle NODE...: until sinfo shows each NODE idle (a node killed and started again is
# "down" until it registers; ReturnToService=2 then makes it idle).
wait_idle() {
  local want states
  want=$(printf '%s idle ' "$@")
  for _ in $(seq 120); do
    states=$(sinfo -h -N -n "$(IFS=,; echo "$*")" -o '%N %T' 2>/dev/null | sort | tr '\n' ' ') || true
    [ "$states" = "$want" ] && return 0
    sleep 0.5
  done
  die "not idle after 60 s: ${states:-no answer}; see $state/*.log"
}

if [ $# -gt 0 ]; then
  [[ "$1" =~ ^[12]$ ]] || die "node '$1' is not 1 or 2"
  export SLURM_CONF=$conf
  ours slurmctld >/dev/null || die "the cluster is not up"
  [ -z "$("$here/nodes-pids.sh" "$1")" ] || die "node$1 is already up"
  start_node "$1"
  wait_idle "node$1"
  echo "$conf"
  exit 0
fi
[ -z "$(ours slurmctld)" ] || die "already up (state $state); nodes-down.sh first"

# A fresh controller state: no job of an earlier cluster comes back.
rm -rf "$state/ctld"
mkdir -p "$state/ctld" "$state/spool" "$state/munge"
chmod 0755 "$state"
# Open MPI's TCP transport between nodes and PMIx resolve the node names.
sed -i '/# diffsweep-slurm-node$/d' /etc/hosts
printf '127.0.0.2 node1 # diffsweep-slurm-node\n127.0.0.3 node2 # diffsweep-slurm-node\n' >>/etc/hosts

# SlurmdTimeout=10: a killed node is marked down 10 s after its last answer (300 s by default),
# which is what ends a job that lost one; Slurm then waits KillWait for the dead node's tasks
# before it requeues the job, so KillWait=10 (30 by default): jobs here pass a --stop-grace below
# it (DIFFSWEEP_STOP_GRACE=5 to diffsweep.sbatch).
cat >"$conf" <<CONF
ClusterName=diffsweep-e2e-nodes
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmctldPort=7817
SlurmdPort=7818
AuthInfo=socket=$state/munge/munge.socket.2
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool/%n
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.%n.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.%n.log
$container_conf
SlurmdTimeout=10
KillWait=10
NodeName=node1 NodeAddr=127.0.0.2 Port=7821 CPUs=2 State=UNKNOWN
NodeName=node2 NodeAddr=127.0.0.3 Port=7822 CPUs=2 State=UNKNOWN
PartitionName=nodes Nodes=node1,node2 Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$conf

[ -s /etc/munge/munge.key ] || mungekey --create >/dev/null 2>&1 || die "cannot create /etc/munge/munge.key"
chown munge:munge "$state/munge"
chmod 0755 "$state/munge"   # munged wants its socket folder open to all
runuser -u munge -- munged --socket="$state/munge/munge.socket.2" \
  --pid-file="$state/munge/munged.pid" --log-file="$state/munge/munged.log" \
  --seed-file="$state/munge/munged.seed" </dev/null >/dev/null 2>&1 ||
  die "munged failed to start; see $state/munge/munged.log"
# munged writes its pidfile as the munge user, in its own folder; we keep a copy beside the others.
cp "$state/munge/munged.pid" "$state/munged.pid"

slurmctld </dev/null >>"$state/slurmctld.log" 2>&1 || die "slurmctld failed to start; see $state/slurmctld.log"
start_node 1
start_node 2
wait_idle node1 node2
echo "$conf"
