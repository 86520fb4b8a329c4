#!/bin/bash
# Simulated cluster nodes on one machine, for the MPI suites: names node1..nodeN (loopback
# addresses 127.0.0.2 ...) in /etc/hosts, and prints the launcher options that make the MPI
# library treat them as separate hosts. The launcher then starts one daemon per node through
# ./rsh-agent, which runs it on this machine under the node's own hostname (a UTS namespace),
# and ranks on different nodes talk over TCP on the loopback interface, as on a cluster: no
# shared memory between nodes, and a node's daemon can be killed alone. Needs root; nothing
# leaves the machine. ./down.sh removes the names.
#
# Usage: up.sh N openmpi|mpich. The one line on stdout holds the options for mpirun.openmpi (or
# mpiexec.mpich), which spread ranks round-robin over the N nodes: rank 0 on node1, rank 1 on
# node2, ... Example:  mpirun --oversubscribe $(up.sh 2 openmpi) -n 5 diffsweep sweep.ini
set -euo pipefail
n=${1:?usage: up.sh N openmpi|mpich}
flavour=${2:?usage: up.sh N openmpi|mpich}
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" = 0 ] || { echo "up.sh: needs root (unshare --uts, /etc/hosts)" >&2; exit 77; }
command -v unshare >/dev/null || { echo "up.sh: unshare (util-linux) is missing" >&2; exit 77; }
# A container without CAP_SYS_ADMIN cannot make the namespaces a node needs.
unshare --uts --mount true 2>/dev/null ||
  { echo "up.sh: cannot create UTS and mount namespaces here (unshare --uts --mount)" >&2; exit 77; }
# Idempotent: a second up.sh (or one after a crashed test) rewrites the same lines.
sed -i '/# diffsweep-simulated-node$/d' /etc/hosts
hosts=""
for i in $(seq 1 "$n"); do
  echo "127.0.0.$((i + 1)) node$i # diffsweep-simulated-node" >>/etc/hosts
  hosts+="${hosts:+,}node$i"
done
case "$flavour" in
  openmpi)
    # 64 slots per node and --map-by node: round-robin placement for any rank count.
    echo "--mca plm_rsh_agent $here/rsh-agent --mca btl self,vader,tcp --mca btl_tcp_if_include lo" \
      "--mca oob_tcp_if_include lo --host ${hosts//,/:64,}:64 --map-by node" ;;
  mpich)
    # One slot per node: hydra cycles over the list, so ranks alternate between the nodes.
    echo "-launcher rsh -launcher-exec $here/rsh-agent -hosts ${hosts//,/:1,}:1" ;;
  *) echo "up.sh: unknown MPI flavour '$flavour' (openmpi or mpich)" >&2; exit 2 ;;
esac
