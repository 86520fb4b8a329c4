#!/usr/bin/env bash
# Runs what runner/slurm/ ships on a real one-node Slurm cluster, started by the project's own
# tests/e2e/slurm/up.sh: a sweep with sbatch, then a slow one cancelled mid-run with scancel and
# resumed by submitting again. Usage: test_slurm.sh SOURCE_DIR DIFFSWEEP_BINARY SCRATCH_DIR.
# Exit 77 (skipped) only when not root: the cluster's daemons and packages need it.
set -euo pipefail
source_dir=$1 binary=$2 scratch=$3
kit="$source_dir/tests/e2e/slurm"
if [ "$(id -u)" != 0 ]; then
  echo "skipped: needs root (to install and start Slurm)"
  exit 77
fi
# Three CPUs declared on a 2-core machine: the sbatch script's 3 tasks fit without --overcommit.
"$kit/up.sh" 3 >/dev/null
trap '"$kit/down.sh" >/dev/null 2>&1 || true' EXIT

rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
export DIFFSWEEP="$binary"
script="$source_dir/runner/slurm/diffsweep.sbatch"
count() {  # count STATUS FILE
  /usr/bin/python3 -c "import h5py,sys; f=h5py.File(sys.argv[2],'r'); print(list(f['points']['status'][()]).count(sys.argv[1].encode()))" "$1" "$2"
}

attr() {  # attr NAME FILE
  /usr/bin/python3 -c "import h5py,sys; v=h5py.File(sys.argv[2],'r').attrs[sys.argv[1]]; print(v.decode() if isinstance(v,bytes) else v)" "$1" "$2"
}

cp "$source_dir/sweeps/quick.ini" quick.ini
quick_job=$(sbatch --parsable --wait --chdir="$scratch" --output=quick-%j.log "$script" quick.ini quick.h5 -q)
grep -q "results: quick.h5" quick-*.log || { echo "FAILED: no summary in the job log"; cat quick-*.log; exit 1; }
[ "$(count done quick.h5)" = 70 ] || { echo "FAILED: quick sweep not complete"; exit 1; }
ranks=$(/usr/bin/python3 -c "import h5py; print(h5py.File('quick.h5','r').attrs['ranks'])")
[ "$ranks" = 3 ] || { echo "FAILED: ran on $ranks ranks, not 3"; exit 1; }
[ "$(attr launcher quick.h5)" = srun ] || { echo "FAILED: launcher '$(attr launcher quick.h5)', not srun"; exit 1; }
[ "$(attr job_id quick.h5)" = "$quick_job" ] || { echo "FAILED: job id '$(attr job_id quick.h5)', not $quick_job"; exit 1; }

printf '[sweep]\nexperiment = synthetic\nseed = 4\n[fixed]\nsleep_ms = 200\n[axes]\nx = linspace(1, 60, 60)\n' > slow.ini
job=$(sbatch --parsable --chdir="$scratch" --output=slow1-%j.log "$script" slow.ini slow.h5 -q)
for _ in $(seq 100); do
  sleep 0.2
  [ -f slow.h5 ] && [ "$(count done slow.h5)" -ge 6 ] && break
done
scancel "$job"
for _ in $(seq 150); do
  squeue -h -j "$job" 2>/dev/null | grep -q . || break
  sleep 0.2
done
partial=$(count done slow.h5)
[ "$partial" -ge 6 ] && [ "$partial" -lt 60 ] || { echo "FAILED: $partial points done at cancel"; exit 1; }
[ "$(count running slow.h5)" = 0 ] || { echo "FAILED: running points left in the file"; exit 1; }
# The job's status is rank 0's: 3, interrupted (the record stays a while after the job ends).
job_record=$(scontrol show job "$job")
grep -q "ExitCode=3:0" <<<"$job_record" || { echo "FAILED: cancelled job's exit code is not 3"; scontrol show job "$job"; exit 1; }
grep -q "run the same command again to resume" slow1-*.log || { echo "FAILED: no resume hint"; cat slow1-*.log; exit 1; }

sbatch --wait --chdir="$scratch" --output=slow2-%j.log "$script" slow.ini slow.h5 -q >/dev/null
grep -q "resuming slow.h5: $partial of 60" slow2-*.log || { echo "FAILED: did not resume"; cat slow2-*.log; exit 1; }
[ "$(count done slow.h5)" = 60 ] || { echo "FAILED: resumed sweep not complete"; exit 1; }
# The array form: one shard per task, merged afterwards into what one job gives.
printf '[sweep]\nexperiment = synthetic\nseed = 6\n[axes]\nx = linspace(1, 30, 30)\n' > arr.ini
sbatch --wait --array=1-3 --chdir="$scratch" --output=arr-%A-%a.log "$script" arr.ini arr.h5 -q >/dev/null
for k in 1 2 3; do
  [ "$(count done arr.shard-$k-of-3.h5)" = 10 ] || { echo "FAILED: shard $k of 3 did not run its 10 points"; cat arr-*.log; exit 1; }
  [ "$(attr array_task_id arr.shard-$k-of-3.h5)" = "$k" ] || { echo "FAILED: shard $k records array task '$(attr array_task_id arr.shard-$k-of-3.h5)'"; exit 1; }
done
"$binary" merge arr.h5 arr.shard-1-of-3.h5 arr.shard-2-of-3.h5 arr.shard-3-of-3.h5 >/dev/null
[ "$(count done arr.h5)" = 30 ] || { echo "FAILED: merged array shards not complete"; exit 1; }
echo "slurm: sbatch ran quick.ini on 3 ranks; scancel after $partial of 60 points, resubmission finished the rest; an array of 3 shards merged into the whole sweep"
