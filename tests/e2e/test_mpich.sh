#!/bin/bash
# The MPI end-to-end suite against Debian's MPICH: configures a second build of diffsweep with
# -DDIFFSWEEP_MPI=mpich beside the main one, builds only what the MPI tests need (the diffsweep
# binary and test_mpi), and runs test_mpi there with MPICH's mpiexec.
# Usage: test_mpich.sh SOURCE_DIR BUILD_DIR. Exit 77 (skipped) when MPICH is not installed.
set -euo pipefail
source_dir=$1
build=$2
if [ ! -x /usr/bin/mpicc.mpich ] || [ ! -x /usr/bin/mpiexec.mpich ]; then
  echo "skipped: MPICH is not installed (setup.sh installs mpich and libmpich-dev)"
  exit 77
fi
cmake -S "$source_dir" -B "$build" -DCMAKE_BUILD_TYPE=Release -DDIFFSWEEP_MPI=mpich \
  -DDIFFSWEEP_NATIVE=OFF >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
grep -q "diffsweep: MPI from /usr/bin/mpicc.mpich: MPICH" "$build.configure.log" ||
  { echo "FAILED: the build did not find MPICH"; cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j"$(nproc)" --target diffsweep test_mpi >"$build.build.log" 2>&1 ||
  { tail -50 "$build.build.log"; exit 1; }
"$build/bin/diffsweep" --version >/dev/null
# Captured first: grep -q would close the pipe early, and pipefail would count ldd's SIGPIPE.
libraries=$(ldd "$build/bin/diffsweep")
grep -q libmpich <<<"$libraries" || { echo "FAILED: not linked against MPICH"; exit 1; }
ctest --test-dir "$build" -R '^test_mpi$' --output-on-failure
"$source_dir/tests/e2e/test_mpi_nodes.sh" "$build/tests/test_mpi" mpich
