#!/usr/bin/env bash
# A full disk at any moment of a sweep: at the first file's creation, while copying, while a
# snapshot is flushed, while the journal is appended. Each time diffsweep exits 1 with one line
# (no crash in HDF5's shutdown), the published results file, if there is one yet, opens and
# agrees with itself, and once space is freed the same command resumes and ends with exactly
# the results of a run that never ran out of space.
# Usage: test_disk_full.sh DIFFSWEEP_BINARY SCRATCH_DIR. Exit 77 (skipped) when not root (mount).
set -euo pipefail
binary=$1 scratch=$2
if [ "$(id -u)" != 0 ]; then
  echo "skipped: needs root (to mount a small tmpfs)"
  exit 77
fi
rm -rf "$scratch" && mkdir -p "$scratch/disk"
disk="$scratch/disk"
trap 'umount "$disk" 2>/dev/null || true' EXIT
printf '[sweep]\nexperiment = synthetic\nseed = 1\n[fixed]\nnoise = 0.3\n[axes]\nx = linspace(1, 2, 6000)\n' > "$scratch/s.ini"
"$binary" "$scratch/s.ini" -o "$scratch/reference.h5" -q > /dev/null

py=/usr/bin/python3
for size in 300k 500k 700k 1m 1500k 2m 3m; do
  mount -t tmpfs -o size=$size tmpfs "$disk"
  status=0
  "$binary" "$scratch/s.ini" -o "$disk/r.h5" -q > /dev/null 2> "$scratch/err" || status=$?
  lines=$(wc -l < "$scratch/err")
  if [ "$status" != 1 ] || [ "$lines" != 1 ]; then
    echo "FAILED at $size: exit $status, $lines lines:"; cat "$scratch/err"; exit 1
  fi
  if [ -e "$disk/r.h5" ]; then
    $py - "$disk/r.h5" <<'PY' || { echo "FAILED at $size: the published file is not whole"; exit 1; }
import h5py, sys
with h5py.File(sys.argv[1], "r") as f:
    status = list(f["points"]["status"].asstr()[()])
    assert f.attrs["n_done"] == status.count("done"), "counts disagree with the rows"
PY
  fi
  mount -o remount,size=64m "$disk"
  "$binary" "$scratch/s.ini" -o "$disk/r.h5" -q > /dev/null 2> "$scratch/err2" || {
    echo "FAILED at $size: the resume failed:"; cat "$scratch/err2"; exit 1; }
  $py - "$scratch/reference.h5" "$disk/r.h5" <<'PY' || { echo "FAILED at $size: results differ"; exit 1; }
import h5py, sys
a, b = (h5py.File(p, "r") for p in sys.argv[1:3])
assert (a["points"]["value"][()] == b["points"]["value"][()]).all()
assert list(b["points"]["status"].asstr()[()]) == ["done"] * 6000
PY
  echo "$size: $(head -c 100 "$scratch/err")..."
  umount "$disk"
done
echo "disk full: exit 1 with one line at every size, the file whole, the resume exact"
