#!/usr/bin/env bash
# Starts a real one-node Slurm cluster on this machine for the end-to-end tests (Debian bookworm,
# Slurm 22.05, run as root, no systemd):
#
#   tests/e2e/slurm/up.sh [CPUS]      # prints one line "slurm up ..." once the node is idle
#
# CPUS is how many CPUs the node declares (default: nproc). Declaring more than the machine has is
# what lets runner/slurm/diffsweep.sbatch (--ntasks=3) run on a 2-core box without --overcommit.
# The daemons are started directly, never through systemctl, and their PIDs are kept in
# $DIFFSWEEP_SLURM_STATE (default /tmp/diffsweep-slurm) so that down.sh stops exactly those.
# Running it again while the cluster is up only re-checks it.
set -euo pipefail

state=${DIFFSWEEP_SLURM_STATE:-/tmp/diffsweep-slurm}
cpus=${1:-$(nproc)}
conf=/etc/slurm/slurm.conf   # Slurm's compiled-in path: plain sbatch/srun/sinfo find it unaided
mark="# written by diffsweep tests/e2e/slurm/up.sh"
start=$(date +%s.%N)

die() { echo "slurm-up: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "must run as root (it installs packages and writes $conf)"
[[ "$cpus" =~ ^[1-9][0-9]*$ ]] || die "CPUS '$cpus' is not a positive integer"

# Only what is missing, so a second run does not touch the network.
missing=()
for p in slurm-wlm slurm-wlm-basic-plugins munge libpmix-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "slurm-up: installing ${missing[*]}" >&2
  # apt's chatter (debconf warnings too) matters only when it fails.
  out=$( { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } 2>&1) \
    || die "apt-get install ${missing[*]} failed: $(tail -1 <<<"$out")"
fi

here=$(cd "$(dirname "$0")" && pwd)
source "$here/kit.sh"
# others NAME -> PIDs of live NAME processes that are not ours
others() {
  local mine p
  mine=$(ours "$1") || true
  for p in /proc/[0-9]*; do   # builtins only, no fork per process: this runs on every up.sh
    [ "${p#/proc/}" != "$mine" ] && is "$1" "${p#/proc/}" && echo "${p#/proc/}"
  done
  return 0
}

# Another cluster (started by another script, or a real one) owns the ports and /etc/slurm: refuse
# before writing anything, so it keeps working.
for d in slurmctld slurmd; do
  foreign=$(others "$d" | tr '\n' ' ')
  [ -z "$foreign" ] || die "a $d not started by this script is running (PID ${foreign% }); stop it first, this script will not"
done

mkdir -p "$state/ctld" "$state/spool" "$state/munge"
chmod 0755 "$state"

# KillWait stays at Slurm's 30 s, which diffsweep.sbatch's --stop-grace 20 relies on. A job of
# e2e-urgent preempts (requeues) the jobs of e2e, which get SIGTERM and GraceTime to stop.
host=$(hostname -s)
new_conf="$mark; state in $state
ClusterName=diffsweep-e2e
SlurmctldHost=$host(127.0.0.1)
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
$container_conf
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PreemptType=preempt/partition_prio
PreemptMode=REQUEUE
PartitionName=e2e Nodes=$host Default=YES MaxTime=INFINITE State=UP PriorityTier=1 GraceTime=30
PartitionName=e2e-urgent Nodes=$host MaxTime=INFINITE State=UP PriorityTier=2 PreemptMode=OFF"

if [ -f "$conf" ] && ! head -1 "$conf" | grep -qF "$mark"; then
  backup="$state/slurm.conf.before.$(date +%s)"
  cp -p "$conf" "$backup"
  echo "slurm-up: $conf was not ours; kept a copy in $backup" >&2
fi
changed=0
if [ "$(cat "$conf" 2>/dev/null)" != "$new_conf" ]; then
  mkdir -p /etc/slurm
  printf '%s\n' "$new_conf" >"$conf"
  changed=1
fi

# munged, as the munge user on the default socket that Slurm's auth/munge dials. One already
# serving that socket (the package's, another cluster kit's) is used and left alone.
munge_ok() { munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; }
if ! ours munged >/dev/null && ! munge_ok; then
  rm -f "$state/munged.pid"
  [ -s /etc/munge/munge.key ] || mungekey --create >/dev/null 2>&1 || die "cannot create /etc/munge/munge.key"
  chown munge:munge "$state/munge"
  chmod 0700 "$state/munge"
  mkdir -p /run/munge && chown munge:munge /run/munge
  # munged writes its pidfile as the munge user, so it goes in its own directory; we copy it out.
  runuser -u munge -- munged --pid-file="$state/munge/munged.pid" --log-file="$state/munge/munged.log" \
    </dev/null >/dev/null 2>&1 || die "munged failed to start; see $state/munge/munged.log"
  for _ in $(seq 50); do munge_ok && break; sleep 0.1; done
  munge_ok || die "munged does not answer; see $state/munge/munged.log"
  cp "$state/munge/munged.pid" "$state/munged.pid"
fi

# start_daemon NAME: start it unless ours is running with the current slurm.conf. The daemons
# detach themselves and write the PidFile named in slurm.conf.
start_daemon() {
  local name=$1 pid
  if pid=$(ours "$name"); then
    ((changed)) || return 0
    # slurm.conf changed (another CPUS): node CPUs cannot be reconfigured live, so restart ours.
    kill -TERM "$pid"
    for _ in $(seq 100); do is "$name" "$pid" || break; sleep 0.1; done
    ! is "$name" "$pid" || die "$name ($pid) did not stop to take the new slurm.conf; see $state/$name.log"
  fi
  rm -f "$state/$name.pid"
  "$name" </dev/null >>"$state/$name.log" 2>&1 || die "$name failed to start; see $state/$name.log"
  for _ in $(seq 100); do ours "$name" >/dev/null && return 0; sleep 0.1; done
  die "$name did not stay up; see $state/$name.log"
}
start_daemon slurmctld
# slurmctld detaches before it binds its port, so a busy port shows only as a slurmctld that dies
# here; timeout because a ping to a port held by something else waits MessageTimeout (10 s).
ctld_up() { timeout 3 scontrol ping 2>/dev/null | grep -q UP; }
for _ in $(seq 50); do
  ctld_up && break
  ours slurmctld >/dev/null || die "slurmctld exited while starting; see $state/slurmctld.log"
  sleep 0.2
done
ctld_up || die "slurmctld does not answer; see $state/slurmctld.log"
start_daemon slurmd

# A node left down by an earlier, killed cluster (its state is in $state/ctld) is resumed once.
node_state=""
for i in $(seq 60); do
  ours slurmd >/dev/null || die "slurmd exited while starting; see $state/slurmd.log"
  node_state=$(sinfo -h -N -n "$host" -o %T 2>/dev/null | head -1) || true
  case "$node_state" in
    idle|mixed|allocated|completing) break ;;
    down*|drain*) ((i == 3)) && { scontrol update NodeName="$host" State=RESUME >/dev/null 2>&1 || true; } ;;
  esac
  sleep 0.5
done
case "$node_state" in
  idle|mixed|allocated|completing) ;;
  *) die "node $host is '${node_state:-unknown}' after 30 s; see $state/slurmd.log and $state/slurmctld.log" ;;
esac
took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "slurm up: node $host $node_state, $cpus CPUs, MpiDefault=pmix, state $state ($took s)"
