#!/usr/bin/env bash
# Runs what runner/slurm/ ships on a real one-node Slurm cluster, started by the project's own
# tests/e2e/slurm/up.sh: a sweep with sbatch, then a slow one cancelled mid-run with scancel and
# resumed by submitting again, one stopped by a time limit's USR1 that requeues itself and
# resumes, one preempted by a job of a higher partition that Slurm requeues and that resumes, and
# an array of shards that its own merge job joins.
# Usage: test_slurm.sh SOURCE_DIR DIFFSWEEP_BINARY SCRATCH_DIR.
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
source "$kit/checks.sh"

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
until_true 120 started slow.h5 || { cat slow1-*.log; echo "FAILED: no points done"; exit 1; }
scancel "$job"
until_true 120 ended "$job" || { echo "FAILED: cancelled job $job did not end"; exit 1; }
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
# A time limit's warning (the USR1 that --signal=B:USR1@120 sends, here at once): diffsweep stops
# cleanly, the script requeues the job, and the job resumes the sweep by itself.
job=$(sbatch --parsable --chdir="$scratch" --output=pre-%j.log "$script" slow.ini pre.h5 -q)
until_true 60 started pre.h5 || { cat pre-*.log; echo "FAILED: no points done"; exit 1; }
scancel --batch --signal=USR1 "$job"
until_true 120 requeued "$job" || { echo "FAILED: job $job was not requeued"; cat pre-*.log; exit 1; }
preempted=$(count done pre.h5)
[ "$preempted" -lt 60 ] && [ "$(count running pre.h5)" = 0 ] || { echo "FAILED: $preempted points done, or running ones left, at the requeue"; exit 1; }
release "$job"
until_true 120 ended "$job" || { echo "FAILED: requeued job $job did not end"; cat pre-*.log; exit 1; }
grep -q "requeueing job $job" pre-*.log || { echo "FAILED: no requeue in the log"; cat pre-*.log; exit 1; }
grep -q "resuming pre.h5: $preempted of 60" pre-*.log || { echo "FAILED: the requeued job did not resume"; cat pre-*.log; exit 1; }
[ "$(job_field "$job" ExitCode)" = 0:0 ] || { echo "FAILED: requeued job ended with $(job_field "$job" ExitCode)"; exit 1; }
[ "$(done_once pre.h5)" = 60 ] || { echo "FAILED: $(done_once pre.h5) of 60 points done exactly once after the requeue"; exit 1; }

# Preemption (PreemptMode=REQUEUE): a job of the urgent partition needs the CPUs; Slurm sends the
# sweep's tasks SIGTERM with GraceTime to go, diffsweep stops cleanly within its --stop-grace,
# the script requeues the job (Slurm would not: it ended itself), and it resumes once the urgent
# job is done.
job=$(sbatch --parsable --chdir="$scratch" --output=preempt-%j.log "$script" slow.ini preempt.h5 -q)
until_true 60 started preempt.h5 || { cat preempt-*.log; echo "FAILED: no points done"; exit 1; }
urgent=$(sbatch --parsable --partition=e2e-urgent --ntasks=3 --chdir="$scratch" --output=urgent-%j.log --wrap=true)
until_true 120 requeued "$job" || { echo "FAILED: job $job was not requeued by the preemption"; cat preempt-*.log; scontrol show job "$job"; exit 1; }
stopped=$(count done preempt.h5)
[ "$stopped" -lt 60 ] && [ "$(count running preempt.h5)" = 0 ] || { echo "FAILED: $stopped points done, or running ones left, at the preemption"; exit 1; }
grep -q "diffsweep: stopping: " preempt-*.log || { echo "FAILED: the preempted job did not stop cleanly"; cat preempt-*.log; exit 1; }
grep -q "diffsweep.sbatch: preempted; requeueing job $job" preempt-*.log || { echo "FAILED: no requeue after the preemption"; cat preempt-*.log; exit 1; }
until_true 120 ended "$urgent" || { echo "FAILED: urgent job $urgent did not end"; exit 1; }
release "$job"
until_true 120 ended "$job" || { echo "FAILED: preempted job $job did not end"; cat preempt-*.log; exit 1; }
grep -q "resuming preempt.h5: $stopped of 60" preempt-*.log || { echo "FAILED: the preempted job did not resume"; cat preempt-*.log; exit 1; }
[ "$(job_field "$job" ExitCode)" = 0:0 ] || { echo "FAILED: preempted job ended with $(job_field "$job" ExitCode)"; exit 1; }
[ "$(done_once preempt.h5)" = 60 ] || { echo "FAILED: $(done_once preempt.h5) of 60 points done exactly once after the preemption"; exit 1; }

# The array form: one shard per task, and the merge job task 1 submits joins them into what one
# job gives once all succeeded.
printf '[sweep]\nexperiment = synthetic\nseed = 6\n[axes]\nx = linspace(1, 30, 30)\n' > arr.ini
sbatch --wait --array=1-3 --chdir="$scratch" --output=arr-%A-%a.log "$script" arr.ini arr.h5 -q >/dev/null
for k in 1 2 3; do
  [ "$(count done arr.shard-$k-of-3.h5)" = 10 ] || { echo "FAILED: shard $k of 3 did not run its 10 points"; cat arr-*.log; exit 1; }
  [ "$(attr array_task_id arr.shard-$k-of-3.h5)" = "$k" ] || { echo "FAILED: shard $k records array task '$(attr array_task_id arr.shard-$k-of-3.h5)'"; exit 1; }
done
merge_job=$(sed -n 's/^diffsweep.sbatch: job \([0-9]*\) merges the 3 shards into arr.h5.*/\1/p' arr-*.log)
[ -n "$merge_job" ] || { echo "FAILED: no merge job submitted"; cat arr-*.log; exit 1; }
until_true 120 ended "$merge_job" || { echo "FAILED: merge job $merge_job did not end"; scontrol show job "$merge_job"; exit 1; }
[ "$(job_field "$merge_job" ExitCode)" = 0:0 ] || { echo "FAILED: merge job ended with $(job_field "$merge_job" ExitCode)"; cat diffsweep-merge-*.log; exit 1; }
[ "$(count done arr.h5)" = 30 ] || { echo "FAILED: merged array shards not complete"; exit 1; }
echo "slurm: sbatch ran quick.ini on 3 ranks; scancel after $partial of 60 points, resubmission finished the rest; a USR1 stopped a job after $preempted points, which requeued itself and finished; a preemption stopped one after $stopped, which requeued itself and finished; an array of 3 shards merged by its own merge job into the whole sweep"
