#!/bin/bash
# The MPI end-to-end suite (test_mpi) with its ranks spread over two simulated nodes
# (e2e/multinode/up.sh): TCP between nodes, one launcher daemon per node.
# Usage: test_mpi_nodes.sh TEST_MPI_BINARY openmpi|mpich. Exit 77 (skipped) without root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=$1
flavour=$2
status=0
flags=$("$here/multinode/up.sh" 2 "$flavour") || status=$?
[ "$status" = 77 ] && { echo "skipped: simulated nodes need root and namespaces"; exit 77; }
[ "$status" = 0 ] || exit "$status"
trap '"$here/multinode/down.sh"' EXIT
DIFFSWEEP_TEST_NODE_FLAGS="$flags" "$binary"
